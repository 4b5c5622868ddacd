import { csvRecords } from "../csvRecords";
import { JsonFormatError } from "../errors";
import { type GraduateInputErrorCode, graduateRowError, type RowError } from "../graduateRowError";
import type { MessageParams } from "../i18n/createTranslator";
import { parseJson } from "../parseJson";
import { checkInputHeader, type InputColumns } from "../checkInputHeader";

export interface InputRows {
  /** Each data row with its number as the registrar sees it (CSV: the header is row 1; JSON: index + 1). */
  rows: { row: number; values: Record<string, unknown> }[];
  /** Required columns absent from the whole file: reported once, at the header. */
  missing: Set<string>;
  errors: RowError[];
}

const error = (row: number, field: string, code: GraduateInputErrorCode, params: MessageParams = {}, key?: `input.${string}`) =>
  graduateRowError({ row, field, code, params, ...(key === undefined ? {} : { key: key as never }) });

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The rows of a transcript or letter file (SPEC §12, README "Transcript and letter input"): CSV with a header row, or
 * a JSON array of objects keyed by the same column names, with the file-level problems (encoding, quoting, header,
 * row shape, size) as row errors numbered the way graduate files number them. Text must already be decoded.
 */
export function readInputRows(text: string, format: "csv" | "json", columns: InputColumns, maxRows: number): InputRows {
  const errors: RowError[] = [];
  const rows: InputRows["rows"] = [];
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const empty = (): InputRows => ({ rows, missing: new Set(), errors: [...errors, error(0, "", "EMPTY_FILE", {}, "input.EMPTY_FILE.rows")] });
  if (body.trim() === "") return empty();
  if (format === "csv") {
    const records = csvRecords(body);
    const header = records.next();
    if (header.done) return empty();
    const names = header.value.cells.map((cell) => cell.normalize("NFC").trim());
    if (header.value.malformed) errors.push(error(1, "", "INVALID_CSV"));
    const missing = checkInputHeader(names, 1, columns, errors);
    for (const { row, cells, malformed } of records) {
      if (!malformed && cells.every((cell) => cell.trim() === "")) continue;
      if (rows.length >= maxRows) {
        errors.push(error(row, "", "TOO_MANY_ROWS", { max: maxRows }));
        break;
      }
      if (malformed) errors.push(error(row, "", "INVALID_CSV"));
      else if (cells.length !== names.length) errors.push(error(row, "", "COLUMN_COUNT", { actual: cells.length, expected: names.length }));
      else rows.push({ row, values: Object.fromEntries(names.map((name, i) => [name, cells[i]])) });
    }
    return rows.length === 0 && errors.length === 0 ? empty() : { rows, missing, errors };
  }
  let parsed: unknown;
  try {
    parsed = parseJson(body);
  } catch (cause) {
    if (!(cause instanceof JsonFormatError)) throw cause;
    return { rows, missing: new Set(), errors: [error(0, "", "INVALID_JSON", { detail: cause.shortMessage })] };
  }
  if (!Array.isArray(parsed)) return { rows, missing: new Set(), errors: [error(0, "", "INVALID_JSON", {}, "input.INVALID_JSON.notArray")] };
  if (parsed.length === 0) return empty();
  const objects = parsed.slice(0, maxRows);
  const missing = checkInputHeader([...new Set(objects.filter(isPlainObject).flatMap((object) => Object.keys(object)))], 0, columns, errors);
  objects.forEach((object: unknown, index) => {
    if (isPlainObject(object)) rows.push({ row: index + 1, values: object });
    else errors.push(error(index + 1, "", "INVALID_JSON", {}, "input.INVALID_JSON.row"));
  });
  if (parsed.length > maxRows) errors.push(error(maxRows + 1, "", "TOO_MANY_ROWS", { max: maxRows }));
  return { rows, missing, errors };
}
