const UNQUOTED_FIELD = /[^,\r\n]*/y;

export interface CsvRecord {
  row: number;
  cells: string[];
  /** A quote that RFC 4180 does not allow; the cells are then unreliable. */
  malformed: boolean;
}

/** The index of the first `character` at or after `from`, or the text's length when there is none. */
function nextIndex(text: string, character: string, from: number): number {
  const index = text.indexOf(character, from);
  return index < 0 ? text.length : index;
}

/** RFC 4180 records, one per spreadsheet row; CRLF, LF and CR all end a record. */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let pos = 0;
  let row = 1;
  // The next quote and carriage return at or after pos, each found once: a record before the next quote whose only
  // carriage return is its CRLF is plain comma-separated text, split at once (almost every record of a registrar's file).
  let quote = -1;
  let carriageReturn = -1;
  while (pos < text.length) {
    if (quote < pos) quote = nextIndex(text, '"', pos);
    if (carriageReturn < pos) carriageReturn = nextIndex(text, "\r", pos);
    const lineFeed = nextIndex(text, "\n", pos);
    if (quote >= lineFeed && (carriageReturn >= lineFeed || carriageReturn === lineFeed - 1)) {
      const end = carriageReturn === lineFeed - 1 ? carriageReturn : lineFeed;
      yield { row, cells: text.slice(pos, end).split(","), malformed: false };
      pos = lineFeed + 1;
      row++;
      continue;
    }
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
