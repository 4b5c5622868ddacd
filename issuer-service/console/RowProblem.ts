import type { Language } from "@credanchor/core/protocol";

/** One problem in one row of an upload, as the service or the in-browser check reports it. */
export interface RowProblem {
  row: number;
  field: string;
  code: string;
  /** The cell as the file has it; absent when the check that found the problem does not report it. */
  value?: string | null;
  message: Record<Language, string>;
}
