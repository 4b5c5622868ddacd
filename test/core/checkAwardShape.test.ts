import { expect } from "chai";
import fc from "fast-check";
import { buildCredential } from "../../core/src/buildCredential";
import { checkAwardShape } from "../../core/src/checkAwardShape";
import { Credential, pointerValue, UnsignedCredential } from "../../core/src/Credential";
import { disclose } from "../../core/src/disclose";
import { parseCredential } from "../../core/src/parseCredential";
import { wrapBatch } from "../../core/src/wrapBatch";
import { ISSUER, arbitraryRecord } from "./helpers/records";

const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };
const MINIMAL_RECORD = { studentId: "S1", nameEn: "A", nameZh: "甲", degreeEn: "B", degreeZh: "乙", majorEn: "C", majorZh: "丙", awardDate: "2026-06-30" };
const HIDEABLE = ["/issuer/name", "/issuer/url", "/credentialSubject/studentId", "/credentialSubject/name", "/credentialSubject/honours", "/credentialSubject/gpa", "/credentialSubject/dateOfBirth", "/credentialSubject/awardDate"];

/** Issued awards, some with hidden claims: what the schemas accept. */
const validCredential = fc
  .tuple(arbitraryRecord, fc.subarray(HIDEABLE))
  .map(([record, hide]) => {
    const [credential] = wrapBatch([buildCredential(record, ISSUER)], CONTEXT).credentials as [Credential];
    const present = hide.filter((pointer) => pointerValue(credential, pointer) !== undefined);
    return JSON.parse(JSON.stringify(present.length === 0 ? credential : disclose(credential, present))) as Record<string, unknown>;
  });

/** Values each schema rule must tell apart: wrong types, empty and unassigned text, bad hex, casing, dates, bounds. */
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
const TRICKY: unknown[] = [
  null, true, 0, -1, 1.5, 4.3, 4.31, 4.4, 4.305, 2 ** 53, 262_144, "", " ", "x", "\u0378", "\ud800", "e\u0301", "陳", "/", "/a~2", "/a~1b",
  h(1), h(1).toUpperCase().replace("0X", "0x"), "0x12", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "2026-06-30", "2026-02-30", "2026-06-30T00:00:00Z", "2026-06-30T24:00:00Z", "2031-06-30T23:59:59Z", "2020-01-01T00:00:00Z",
  "https://harbour.example.edu", "https://Harbour.example.edu", "http://harbour.example.edu", "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11",
  "did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "did:pkh:eip155:31337:0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "Profile", "AchievementSubject", "CredAnchorMerkleProof2026", {}, [], ["Profile"], ["AchievementSubject"], [h(2)], { en: "a", "zh-Hant": "甲" },
  { en: "a" }, { "/id": h(3) }, { "/credentialSubject/gpa": h(4), "/x": "0x" },
];

type Path = (string | number)[];
function pathsOf(value: unknown, path: Path, out: Path[]): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

type Mutation = { kind: "set"; value: unknown } | { kind: "delete" } | { kind: "add"; key: string; value: unknown } | { kind: "reverse" };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...TRICKY).map((value) => ({ kind: "set" as const, value })),
  fc.constant({ kind: "delete" as const }),
  fc.tuple(fc.constantFrom("extra", "gpa", "validUntil", "hiddenClaims", "/credentialSubject/name/en"), fc.constantFrom(...TRICKY)).map(([key, value]) => ({ kind: "add" as const, key, value })),
  fc.constant({ kind: "reverse" as const }),
);

/** One mutation at one place of a copy of the document (the path chosen by its index among all places). */
function mutate(document: Record<string, unknown>, at: number, change: Mutation): unknown {
  const copy = structuredClone(document);
  const paths = pathsOf(copy, [], []);
  const path = paths[at % paths.length] as Path;
  if (path.length === 0) return change.kind === "set" ? change.value : copy;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const target = parent[key];
  if (change.kind === "set") parent[key] = change.value;
  else if (change.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (change.kind === "add" && target !== null && typeof target === "object" && !Array.isArray(target)) {
    Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
  } else if (change.kind === "reverse" && target !== null && typeof target === "object") {
    parent[key] = Array.isArray(target) ? [...target].reverse() : Object.fromEntries(Object.entries(target).reverse());
  }
  return copy;
}

/** Same verdict as the zod schema, and on acceptance the same result, members in the same order. */
function expectSameAsSchema(document: unknown): void {
  const schema = Credential.safeParse(document);
  const compiled = checkAwardShape(document, true);
  expect(compiled !== undefined, JSON.stringify(schema.error?.issues ?? null)).to.equal(schema.success);
  if (schema.success) expect(JSON.stringify(compiled)).to.equal(JSON.stringify(schema.data));
  const withoutProof = document !== null && typeof document === "object" && !Array.isArray(document) ? Object.fromEntries(Object.entries(document).filter(([key]) => key !== "proof")) : document;
  const unsigned = UnsignedCredential.safeParse(withoutProof);
  const compiledUnsigned = checkAwardShape(withoutProof, false);
  expect(compiledUnsigned !== undefined).to.equal(unsigned.success);
  if (unsigned.success) expect(JSON.stringify(compiledUnsigned)).to.equal(JSON.stringify(unsigned.data));
}

describe("checkAwardShape (the award schemas compiled for the hot paths)", function () {
  this.timeout(60_000);

  it("accepts every issued or disclosed award exactly as the schemas parse it", () => {
    fc.assert(fc.property(validCredential, (document) => expectSameAsSchema(document)), { numRuns: 40 });
  });

  it("gives the schemas' verdict and result on mutated documents: wrong types, extra and missing members, bad formats, Unicode edge cases, reordered members", () => {
    fc.assert(
      // Many variants of each issued credential: drawing the credential is the slow part.
      fc.property(validCredential, fc.array(fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), { minLength: 25, maxLength: 25 }), (document, variants) => {
        for (const changes of variants) {
          const mutated = changes.reduce<unknown>((current, [at, change]) => (current !== null && typeof current === "object" ? mutate(current as Record<string, unknown>, at, change) : current), document);
          expectSameAsSchema(mutated);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("leaves refusals to the schema, so parseCredential's errors are zod's; and a member named __proto__ (never in a parsed file)", () => {
    const [credential] = wrapBatch([buildCredential(MINIMAL_RECORD, ISSUER)], CONTEXT).credentials as [Credential];
    const text = JSON.stringify({ ...credential, validUntil: "2020-01-01T00:00:00Z" });
    expect(() => parseCredential(text)).to.throw().with.property("code", "FORMAT_SCHEMA");
    try {
      parseCredential(text);
    } catch (error) {
      expect((error as { details: { path: string; message: string }[] }).details).to.deep.equal([{ path: "/validUntil", message: "validUntil must be after validFrom" }]);
    }
    const salts = JSON.parse(JSON.stringify(credential.proof.salts)) as Record<string, string>;
    Object.defineProperty(salts, "__proto__", { value: credential.proof.merkleRoot, enumerable: true });
    expect(checkAwardShape({ ...credential, proof: { ...credential.proof, salts } }, true)).to.equal(undefined);
  });
});
