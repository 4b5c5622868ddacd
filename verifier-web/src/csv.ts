/**
 * RFC 4180 CSV. A cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with a quote:
 * names come from untrusted credential files and must not run in the recruiter's spreadsheet.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  // The byte order mark makes Excel read the file as UTF-8, so Chinese names survive the round trip.
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
