import type { Language } from "@credanchor/core/protocol";
import type { RowProblem } from "./RowProblem";

export interface ApiErrorBody {
  error?: {
    code?: string;
    message?: Record<Language, string>;
    details?: RowProblem[];
    count?: number;
  };
  /** The row errors of a 422 before the contract moved them into `error.details`. */
  errors?: RowProblem[];
  errorCount?: number;
}

/** A refused or failed call to the service, with the service's bilingual message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error?.message?.en ?? `HTTP ${status}`);
  }

  get code(): string {
    return this.body.error?.code ?? "";
  }

  localised(language: Language): string {
    return this.body.error?.message?.[language] ?? this.message;
  }

  rowProblems(): { items: RowProblem[]; total: number } {
    const items = this.body.error?.details ?? this.body.errors ?? [];
    return {
      items,
      total: this.body.error?.count ?? this.body.errorCount ?? items.length,
    };
  }
}
