import { expect } from "chai";
import fc from "fast-check";
import { MAX_FIELD_LENGTH } from "../../core/src/GraduateRecord";
import { indexOfUnassigned } from "../../core/src/indexOfUnassigned";
import { isPlainCell } from "../../core/src/isPlainCell";
import { readCellText } from "../../core/src/readCellText";

/** The characters isPlainCell takes as they are, as code point ranges. */
const PLAIN_RANGES = [
  [0x20, 0x7e],
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
] as const;
const plainCharacters = PLAIN_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)));
const plainCharacter = fc.constantFrom(...plainCharacters);
/** Characters each of readCellText's steps changes or refuses: spaces it trims, marks NFC combines, controls, surrogates. */
const otherCharacter = fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u3000", "\u0301", "\u0308", "\u202e", "\u2066", "\u0378", "\ud800", "\udc00", "\ufffd", "\u00e9", "\u212b", "\uf900", "𠀋", "\u0000", "\u007f", "\u0085");

describe("isPlainCell", () => {
  it("takes only characters readCellText keeps as they are: assigned, allowed, NFC, not trimmed inside text; the CJK ideographs are Han", () => {
    const changed = plainCharacters.filter((character) => {
      const text = `a${character}a`;
      return character.normalize("NFC") !== character || indexOfUnassigned(character) !== -1 || readCellText(text).value !== text || !isPlainCell(text);
    });
    expect(changed).to.deep.equal([]);
    expect(plainCharacters.join("").normalize("NFC")).to.equal(plainCharacters.join(""));
    expect(plainCharacters.filter((character) => character >= "\u4e00" && character <= "\u9fff" && !/\p{Script=Han}/u.test(character))).to.deep.equal([]);
  });

  it("accepts only what readCellText returns unchanged, and every plain cell of up to MAX_FIELD_LENGTH characters", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: plainCharacter }, otherCharacter), { maxLength: 12 }), fc.nat(MAX_FIELD_LENGTH + 2), (characters, padding) => {
        for (const text of [characters.join(""), `${characters.join("")}${"x".repeat(padding)}`]) {
          if (!isPlainCell(text)) continue;
          accepted++;
          expect(readCellText(text)).to.deep.equal({ value: text });
        }
      }),
      { numRuns: 2_000 },
    );
    expect(accepted).to.be.greaterThan(500);
    fc.assert(
      fc.property(fc.array(plainCharacter, { minLength: 1, maxLength: MAX_FIELD_LENGTH }), (characters) => {
        const text = characters.join("").trim();
        expect(isPlainCell(text)).to.equal(text !== "");
      }),
    );
    for (const value of [undefined, null, "", " ", "x ", " x", 3, ["x"], "x".repeat(MAX_FIELD_LENGTH + 1), "陳".repeat(MAX_FIELD_LENGTH + 1)]) expect(isPlainCell(value)).to.equal(false);
    expect(isPlainCell("x".repeat(MAX_FIELD_LENGTH))).to.equal(true);
  });
});
