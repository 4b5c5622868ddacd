import { type GraduateInputErrorCode, graduateRowError, type RowError } from "./graduateRowError";

export interface InputColumns {
  required: readonly string[];
  optional: readonly string[];
}

/**
 * The header of a registrar's file (CSV's first row; JSON: the keys used anywhere): each name known, once, not empty,
 * readable; each required column present. Pushes the errors (on row `headerRow`) and returns the required columns
 * missing, so that rows do not repeat REQUIRED for them.
 */
export function checkInputHeader(names: readonly string[], headerRow: number, columns: InputColumns, errors: RowError[]): Set<string> {
  const known = new Set([...columns.required, ...columns.optional]);
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const column = (code: GraduateInputErrorCode) => graduateRowError({ row: headerRow, field: name, code, value: name });
    if (name.includes("\uFFFD")) errors.push(column("INVALID_ENCODING"));
    else if (name === "") errors.push(graduateRowError({ row: headerRow, field: "", code: "UNKNOWN_COLUMN", params: { position: index + 1 }, key: "input.UNKNOWN_COLUMN.empty" }));
    else if (!known.has(name)) errors.push(column("UNKNOWN_COLUMN"));
    else if (seen.has(name)) errors.push(column("DUPLICATE_COLUMN"));
    seen.add(name);
  });
  const missing = new Set(columns.required.filter((name) => !seen.has(name)));
  for (const name of missing) errors.push(graduateRowError({ row: headerRow, field: name, code: "MISSING_COLUMN" }));
  return missing;
}
