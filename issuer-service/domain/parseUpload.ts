import { decodeGraduateFile, type ParsedGraduateFile, parseGraduateFile } from "@credanchor/core/issue";
import { InputValidationError } from "@credanchor/core/protocol";
import { translate } from "../i18n/translate";
import { UnprocessableError } from "../errors";

export interface RowError {
  row: number;
  field: string;
  code: string;
  message: { en: string; "zh-Hant": string };
}

/**
 * Decodes and validates a whole upload before anything is stored: the first DEFAULT_MAX_ERRORS row errors and the
 * total count come back at once (422), so a registrar fixes the spreadsheet in one pass (or a few, for a file that is
 * wrong throughout) and nothing half-valid is ever anchored.
 */
export function parseUpload(bytes: Uint8Array, format: "csv" | "json"): Pick<ParsedGraduateFile, "records" | "rows"> {
  let text: string;
  try {
    text = decodeGraduateFile(bytes);
  } catch (error) {
    if (error instanceof InputValidationError) {
      const errors: RowError[] = [{ row: 0, field: "", code: error.code, message: translate("row.INVALID_ENCODING") }];
      throw new UnprocessableError("INVALID_ROWS", { params: { count: 1 }, details: errors, cause: error });
    }
    throw error;
  }
  const { records, rows, errors, errorCount } = parseGraduateFile(text, format);
  if (errorCount > 0) {
    throw new UnprocessableError("INVALID_ROWS", { params: { count: errorCount }, details: errors });
  }
  return { records, rows };
}
