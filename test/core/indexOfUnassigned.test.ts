import { expect } from "chai";
import { buildCredential } from "../../core/src/buildCredential";
import { indexOfUnassigned } from "../../core/src/indexOfUnassigned";
import { parseCredential } from "../../core/src/parseCredential";
import { ASSIGNED_RANGES, UNICODE_VERSION } from "../../core/src/unicodeAssigned";
import { ISSUER, RECORD } from "./helpers/records";
import { sampleCredential } from "./helpers/sampleCredential";

const engineVersion = process.versions.unicode as string;
const versionAtLeast = (a: string, b: string) => {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  return (x[0] as number) > (y[0] as number) || (x[0] === y[0] && (x[1] ?? 0) >= (y[1] ?? 0));
};
const engineAssigned = (codePoint: number) => !/^\p{Cn}$/u.test(String.fromCodePoint(codePoint));
/** U+1C89 CYRILLIC CAPITAL LETTER TJE: assigned in Unicode 16.0, so unassigned in the table's 15.1. */
const NEW_IN_16 = "\u1C89";

describe(`Unicode ${UNICODE_VERSION}: code points unassigned in it are refused (SPEC §3)`, function () {
  // The engine comparisons test every code point one by one.
  this.timeout(120_000);

  it("the table is exactly the running engine's assignment when the engine's Unicode version is the table's", function () {
    if (engineVersion !== UNICODE_VERSION) this.skip();
    const ranges: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (!engineAssigned(codePoint)) continue;
      if (ranges.length > 0 && ranges[ranges.length - 1] === codePoint - 1) ranges[ranges.length - 1] = codePoint;
      else ranges.push(codePoint, codePoint);
    }
    expect(ranges).to.deep.equal(ASSIGNED_RANGES);
  });

  it("every code point the table holds assigned is assigned in a newer engine too (assignment is never withdrawn)", function () {
    if (!versionAtLeast(engineVersion, UNICODE_VERSION)) this.skip();
    for (let i = 0; i < ASSIGNED_RANGES.length; i += 2) {
      for (let codePoint = ASSIGNED_RANGES[i] as number; codePoint <= (ASSIGNED_RANGES[i + 1] as number); codePoint++) {
        if (!engineAssigned(codePoint)) expect.fail(`U+${codePoint.toString(16)} is assigned in the table but not in Unicode ${engineVersion}`);
      }
    }
  });

  it("finds the first unassigned code point, by UTF-16 index, in BMP and astral text", () => {
    expect(indexOfUnassigned("Chan Tai Man 陳大文 Ünïcödé 😀")).to.equal(-1);
    expect(indexOfUnassigned(`ab${NEW_IN_16}`)).to.equal(2);
    expect(indexOfUnassigned("a\u0378")).to.equal(1);
    expect(indexOfUnassigned("😀\u{E0080}")).to.equal(2);
    expect(indexOfUnassigned("\u{10FFFF}")).to.equal(0);
  });

  it("issuers refuse it (buildCredential) and verifiers report it as FORMAT_SCHEMA", () => {
    expect(() => buildCredential({ ...RECORD, nameEn: `Chan ${NEW_IN_16}` }, ISSUER)).to.throw().with.property("code", "INPUT_INVALID_CREDENTIAL");
    const credential = sampleCredential();
    (credential.credentialSubject.name as Record<string, string>).en = `Chan ${NEW_IN_16}`;
    expect(() => parseCredential(JSON.stringify(credential))).to.throw().with.property("code", "FORMAT_SCHEMA");
  });
});
