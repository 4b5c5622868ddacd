import { expect } from "chai";
import fc from "fast-check";
import { type CsvRecord, csvRecords } from "../../core/src/csvRecords";

const UNQUOTED_FIELD = /[^,\r\n]*/y;

/** csvRecords as it was before its plain-record shortcut: every record field by field. */
function* fieldByField(text: string): Generator<CsvRecord> {
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

/** Pieces of CSV text: cells, separators, quotes (doubled, stray, unclosed) and each way to end a record. */
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "Chan Tai Man", "陳大文", "2026-06-30", "3.85", "", " ") },
  { weight: 6, arbitrary: fc.constant(",") },
  { weight: 3, arbitrary: fc.constantFrom("\n", "\r\n", "\r") },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a,b"', '"x\ny"', "\u2028") },
);

describe("csvRecords", () => {
  it("splits plain records at once and gives exactly the field-by-field reading of any text: quotes, CRLF, LF, CR, empty and last lines", () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join("");
        if (!text.includes('"')) plain++;
        expect([...csvRecords(text)]).to.deep.equal([...fieldByField(text)]);
      }),
      { numRuns: 1_000 },
    );
    expect(plain).to.be.greaterThan(100);
    for (const text of ["a,b\nc,d", "a,b\r\nc,d\r\n", "a\r", "\n\n", "a,\"b\"\nc,d\n", "a,b\rc,d\ne", "\"a\nb\",c\nd,e\n"]) {
      expect([...csvRecords(text)], JSON.stringify(text)).to.deep.equal([...fieldByField(text)]);
    }
  });
});
