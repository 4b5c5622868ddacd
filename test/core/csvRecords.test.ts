import { expect } from "chai";
import fc from "fast-check";
import { type CsvRecord, csvRecords } from "../../core/src/csvRecords";

const SEPARATORS = ",\r\n";

/**
 * RFC 4180 as csvRecords reads it, one character at a time (the oracle): `""` inside quotes is a quote; text after a
 * closing quote, a quote inside an unquoted field, or a quote never closed makes the record malformed; CRLF, LF and CR
 * end a record.
 */
function characterByCharacter(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = 0;
  while (i < text.length) {
    const cells: string[] = [];
    let malformed = false;
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        let closed = false;
        for (i++; i < text.length && !closed; i++) {
          if (text[i] !== '"') value += text[i];
          else if (text[i + 1] === '"') {
            value += '"';
            i++;
          } else closed = true;
        }
        if (!closed) malformed = true;
        for (; i < text.length && !SEPARATORS.includes(text[i] as string); i++) {
          value += text[i];
          malformed = true;
        }
      } else {
        for (; i < text.length && !SEPARATORS.includes(text[i] as string); i++) {
          if (text[i] === '"') malformed = true;
          value += text[i];
        }
      }
      cells.push(value);
      if (text[i] !== ",") break;
      i++;
    }
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    records.push({ row: records.length + 1, cells, malformed });
  }
  return records;
}

/** Pieces of CSV text: cells, separators, quotes (doubled, stray, unclosed) and each way to end a record. */
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "Chan Tai Man", "陳大文", "2026-06-30", "3.85", "", " ") },
  { weight: 6, arbitrary: fc.constant(",") },
  { weight: 3, arbitrary: fc.constantFrom("\n", "\r\n", "\r") },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a,b"', '"x\ny"', "\u2028") },
);

describe("csvRecords", () => {
  it("splits plain records at once and gives exactly the character-by-character reading of any text: quotes, CRLF, LF, CR, empty and last lines", () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join("");
        if (!text.includes('"')) plain++;
        expect([...csvRecords(text)]).to.deep.equal([...characterByCharacter(text)]);
      }),
      { numRuns: 1_000 },
    );
    expect(plain).to.be.greaterThan(100);
    for (const text of ["a,b\nc,d", "a,b\r\nc,d\r\n", "a\r", "\n\n", "a,\"b\"\nc,d\n", "a,b\rc,d\ne", "\"a\nb\",c\nd,e\n"]) {
      expect([...csvRecords(text)], JSON.stringify(text)).to.deep.equal([...characterByCharacter(text)]);
    }
  });
});
