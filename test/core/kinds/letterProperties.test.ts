import { expect } from "chai";
import fc from "fast-check";
import { hashClaim } from "../../../core/src/hashClaim";
import { bytesToHex } from "../../../core/src/hex";
import { buildLetterCredential } from "../../../core/src/kinds/buildLetterCredential";
import type { LetterCredential } from "../../../core/src/kinds/LetterCredential";
import { parseAnyCredential } from "../../../core/src/kinds/parseAnyCredential";
import { listClaims } from "../../../core/src/listClaims";
import { checkIntegrity } from "../../../core/src/verify/checkIntegrity";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { LETTER_RECORD, LETTER_TEMPLATE } from "../helpers/kindRecords";
import { ISSUER } from "../helpers/records";

const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };
const text = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."abcxyz 證明畢業123") }).map((s) => s.trim() || "x");

const letterArbitrary = fc.record({ en: text, zh: text, date: text }).map(({ en, zh, date }) =>
  wrapBatch([buildLetterCredential({ ...LETTER_RECORD, fields: { programme: { en, "zh-Hant": zh }, graduationDate: date } }, LETTER_TEMPLATE, ISSUER)], CONTEXT)
    .credentials[0] as LetterCredential,
);

function verifies(document: unknown): boolean {
  try {
    return checkIntegrity(parseAnyCredential(JSON.stringify(document))).result.status === "VALID";
  } catch {
    return false;
  }
}

function setAt(document: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.slice(1).split("/");
  let node = document as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
  if (value === undefined) delete node[tokens[tokens.length - 1] as string];
  else node[tokens[tokens.length - 1] as string] = value;
}

describe("letter properties (SPEC §12.3)", function () {
  this.timeout(60_000);

  it("a random letter verifies; any change of any claim fails", () => {
    fc.assert(
      fc.property(letterArbitrary, fc.nat(), (letter, pick) => {
        expect(verifies(letter)).to.equal(true);
        const claims = listClaims(letter);
        const claim = claims[pick % claims.length] as (typeof claims)[number];
        const changed = structuredClone(letter);
        setAt(changed, claim.pointer, typeof claim.value === "string" ? `${claim.value}1` : 1);
        expect(verifies(changed)).to.equal(false);
      }),
      { numRuns: 40 },
    );
  });

  it("any claim taken out and listed as hidden with its true hash fails: a letter hides nothing", () => {
    fc.assert(
      fc.property(letterArbitrary, fc.nat(), (letter, pick) => {
        const claims = listClaims(letter);
        const claim = claims[pick % claims.length] as (typeof claims)[number];
        const forged = structuredClone(letter);
        forged.proof.hiddenClaims = { [claim.pointer]: bytesToHex(hashClaim(claim.pointer, letter.proof.salts[claim.pointer] as string, claim.value)) };
        delete forged.proof.salts[claim.pointer];
        setAt(forged, claim.pointer, undefined);
        expect(verifies(forged)).to.equal(false);
      }),
      { numRuns: 40 },
    );
  });
});
