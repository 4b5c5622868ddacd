import { type KindRecord, parseKindFile } from "@credanchor/core/issue";
import { UnprocessableError } from "../errors";
import type { Upload } from "./readUpload";

export interface RowError {
  row: number;
  field: string;
  code: string;
  message: { en: string; "zh-Hant": string };
}

/**
 * Validates a whole upload with its kind's parser (the CLI's, parseKindFile) before anything is stored: the first
 * DEFAULT_MAX_ERRORS row errors and the total count come back at once (422), so a registrar fixes the spreadsheet in
 * one pass (or a few, for a file that is wrong throughout) and nothing half-valid is ever anchored.
 */
export function parseUpload(upload: Upload): { records: KindRecord[]; rows: number[] } {
  const { records, rows, errors, errorCount } = parseKindFile(upload.text, upload.format, upload.kind);
  if (errorCount > 0) {
    throw new UnprocessableError("INVALID_ROWS", { params: { count: errorCount }, details: errors });
  }
  return { records, rows };
}
