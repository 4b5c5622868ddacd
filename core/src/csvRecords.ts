const UNQUOTED_FIELD = /[^,\r\n]*/y;

export interface CsvRecord {
  row: number;
  cells: string[];
  /** A quote that RFC 4180 does not allow; the cells are then unreliable. */
  malformed: boolean;
}

/** RFC 4180 records, one per spreadsheet row; CRLF, LF and CR all end a record. */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let pos = 0;
  let row = 1;
  while (pos < text.length) {
    const cells: string[] = [];
    let malformed = false;
    for (;;) {
      let value = "";
      const quoted = text[pos] === '"';
      if (quoted) {
        pos++;
        for (;;) {
          const quote = text.indexOf('"', pos);
          if (quote < 0) {
            // Unclosed: everything to the end of the file is this field, so nothing after it can be trusted.
            value += text.slice(pos);
            pos = text.length;
            malformed = true;
            break;
          }
          value += text.slice(pos, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            pos = quote + 2;
          } else {
            pos = quote + 1;
            break;
          }
        }
      }
      UNQUOTED_FIELD.lastIndex = pos;
      const rest = UNQUOTED_FIELD.exec(text)?.[0] ?? "";
      if (quoted ? rest !== "" : rest.includes('"')) malformed = true;
      value += rest;
      pos += rest.length;
      cells.push(value);
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      pos += text.startsWith("\r\n", pos) ? 2 : 1;
      break;
    }
    yield { row, cells, malformed };
    row++;
  }
}
