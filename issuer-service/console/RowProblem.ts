import type { Language } from "@credanchor/core/protocol";

/**
 * One problem in one row of an upload as the service reports it (core's RowError, or a refusal by the credential
 * lifecycle): `message` says what is wrong and how to fix it, `fix` the fix alone.
 */
export interface RowProblem {
  row: number;
  field: string;
  code: string;
  /** The cell as it may safely be shown; absent when the field is empty or the problem is not in one value. */
  value?: string | null;
  message: Record<Language, string>;
  fix?: Record<Language, string>;
  /** For a refusal by the credential lifecycle: the credential the student holds or held. */
  credential?: string | null;
}
