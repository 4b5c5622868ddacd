/** A spreadsheet reads a cell starting with these (after any spaces) as a formula, or DDE with a tab or CR. */
const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell that no spreadsheet evaluates, whatever separator it guesses: every cell is quoted (RFC 4180, quotes
 * doubled), so `Chan;=1+1` stays one text cell for a reader splitting on `;` as much as on `,`; and a cell that
 * starts like a formula (=, +, -, @, tab, CR, their full-width forms, after leading spaces) gets a leading `'`.
 * Names come from untrusted credential files and applicants' own lists and must not run in an officer's spreadsheet.
 */
function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 byte order mark, which makes Excel read the file as UTF-8 so Chinese
 * names survive the round trip.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
