import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex } from "../../../core/src/hex";
import { hashClaim } from "../../../core/src/hashClaim";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import { transcriptSectionOf } from "../../../core/src/kinds/checkDisclosureRules";
import { parseAnyCredential } from "../../../core/src/kinds/parseAnyCredential";
import type { TranscriptCredential } from "../../../core/src/kinds/TranscriptCredential";
import { listClaims } from "../../../core/src/listClaims";
import { disclose } from "../../../core/src/disclose";
import { checkIntegrity } from "../../../core/src/verify/checkIntegrity";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { SCALE } from "../helpers/kindRecords";
import { ISSUER } from "../helpers/records";
import { arbitraryTranscript } from "../helpers/transcriptArbitrary";

const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };

/** What a verifier concludes before the chain: FORMAT (the kind's schema) and INTEGRITY (rules, digest, proof). */
function verifies(document: unknown): boolean {
  let credential;
  try {
    credential = parseAnyCredential(JSON.stringify(document));
  } catch {
    return false;
  }
  return checkIntegrity(credential).result.status === "VALID";
}

const batchOfTwo = fc.tuple(arbitraryTranscript, arbitraryTranscript).map(([a, b]) =>
  wrapBatch([buildTranscriptCredential(a, ISSUER, SCALE), buildTranscriptCredential({ ...b, studentId: "HU2" }, ISSUER, SCALE)], CONTEXT).credentials[0] as TranscriptCredential,
);

type Course = TranscriptCredential["credentialSubject"]["terms"][number]["courses"][number];

/**
 * Removes claims from the document and lists them as hidden with their true hashes, salts dropped: exactly what
 * disclose would write, so the digest cannot tell, and only the kind's disclosure rules can refuse it.
 */
function forgeHidden(credential: TranscriptCredential, pointers: readonly string[]): TranscriptCredential {
  const forged = structuredClone(credential);
  const hidden: Record<string, string> = { ...forged.proof.hiddenClaims };
  for (const claim of listClaims(credential).filter((c) => pointers.includes(c.pointer))) {
    hidden[claim.pointer] = bytesToHex(hashClaim(claim.pointer, forged.proof.salts[claim.pointer] as string, claim.value));
    delete forged.proof.salts[claim.pointer];
    const tokens = claim.pointer.slice(1).split("/");
    let node = forged as unknown as Record<string, unknown>;
    for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
    delete node[tokens[tokens.length - 1] as string];
  }
  forged.proof.hiddenClaims = hidden;
  return forged;
}

const underPrefix = (credential: TranscriptCredential, prefix: string) => listClaims(credential).map((c) => c.pointer).filter((p) => p.startsWith(`${prefix}/`));
const ofSection = (credential: TranscriptCredential, section: string) => listClaims(credential).map((c) => c.pointer).filter((p) => transcriptSectionOf(p) === section);

describe("transcript properties (SPEC §12.2)", function () {
  this.timeout(120_000);

  it("a random transcript verifies as issued, and with each section its issuer made hideable hidden (as a whole)", () => {
    fc.assert(
      fc.property(batchOfTwo, (credential) => {
        expect(verifies(credential)).to.equal(true);
        for (const section of credential.credentialSubject.hideable ?? []) {
          const pointers = ofSection(credential, section);
          if (pointers.length === 0) continue;
          const disclosed = disclose(credential, [pointers[pointers.length - 1] as string]);
          expect(verifies(disclosed)).to.equal(true);
          expect(ofSection(disclosed, section)).to.deep.equal([]);
          expect(Object.keys(disclosed.proof.hiddenClaims ?? {}).sort()).to.deep.equal([...pointers].sort());
        }
      }),
      { numRuns: 30 },
    );
  });

  it("any change of any course or term field fails", () => {
    fc.assert(
      fc.property(batchOfTwo, fc.nat(), (credential, pick) => {
        const claims = listClaims(credential).filter((c) => c.pointer.startsWith("/credentialSubject/terms/"));
        const claim = claims[pick % claims.length] as (typeof claims)[number];
        const changed = structuredClone(credential) as unknown as Record<string, unknown>;
        const tokens = claim.pointer.slice(1).split("/");
        let node = changed as Record<string, unknown>;
        for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
        const value = claim.value;
        node[tokens[tokens.length - 1] as string] = typeof value === "number" ? value + 1 : value === "A" ? "A+" : `${String(value)}1`;
        expect(verifies(changed)).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("any removed course or term fails, also when its claims are listed as hidden with their true hashes", () => {
    fc.assert(
      fc.property(batchOfTwo, fc.nat(), fc.boolean(), (credential, pick, wholeTerm) => {
        const terms = credential.credentialSubject.terms;
        const t = pick % terms.length;
        const courses = (terms[t] as (typeof terms)[number]).courses;
        const removeTerm = wholeTerm || courses.length === 1;
        fc.pre(!removeTerm || terms.length > 1);
        // The last one: removing it shifts no other pointer, the strongest forgery.
        const prefix = removeTerm ? `/credentialSubject/terms/${terms.length - 1}` : `/credentialSubject/terms/${t}/courses/${courses.length - 1}`;
        const forged = forgeHidden(credential, underPrefix(credential, prefix));
        if (removeTerm) forged.credentialSubject.terms.pop();
        else (forged.credentialSubject.terms[t] as (typeof terms)[number]).courses.pop();
        expect(verifies(forged)).to.equal(false);
        const parsed = parseAnyCredential(JSON.stringify(forged));
        expect(checkIntegrity(parsed).result.code).to.equal("INTEGRITY_HIDDEN_NOT_ALLOWED");

        const plain = structuredClone(credential);
        if (removeTerm) plain.credentialSubject.terms.pop();
        else (plain.credentialSubject.terms[t] as (typeof terms)[number]).courses.pop();
        expect(verifies(plain)).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("any reordering of courses or terms fails", () => {
    fc.assert(
      fc.property(batchOfTwo, fc.nat(), fc.nat(), fc.nat(), (credential, pick, a, b) => {
        const reordered = structuredClone(credential);
        const terms = reordered.credentialSubject.terms;
        const courses = (terms[pick % terms.length] as (typeof terms)[number]).courses;
        const list: unknown[] = courses.length > 1 ? courses : terms;
        const i = a % list.length;
        const j = b % list.length;
        fc.pre(list.length > 1 && i !== j);
        [list[i], list[j]] = [list[j], list[i]] as [Course, Course];
        expect(verifies(reordered)).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("a section hidden in part (one term's GPA alone), or a section the issuer did not list, fails", () => {
    fc.assert(
      fc.property(batchOfTwo, fc.constantFrom("gpa", "marks", "dateOfBirth"), (credential, section) => {
        const pointers = ofSection(credential, section);
        fc.pre(pointers.length > 0);
        const listed = (credential.credentialSubject.hideable ?? []).includes(section as "gpa");
        fc.pre(!listed || pointers.length > 1);
        const forged = forgeHidden(credential, listed ? pointers.slice(0, 1) : pointers);
        expect(verifies(forged)).to.equal(false);
        expect(checkIntegrity(parseAnyCredential(JSON.stringify(forged))).result.code).to.equal("INTEGRITY_HIDDEN_NOT_ALLOWED");
      }),
      { numRuns: 60 },
    );
  });
});
