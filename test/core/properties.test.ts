import { expect } from "chai";
import fc from "fast-check";
import { buildCredential } from "../../core/src/buildCredential";
import type { Credential } from "../../core/src/Credential";
import { digestCredential } from "../../core/src/digestCredential";
import { disclose } from "../../core/src/disclose";
import { listClaims } from "../../core/src/listClaims";
import { expectedProofLength, verifyMerkleProof } from "../../core/src/merkle";
import { wrapBatch } from "../../core/src/wrapBatch";
import { ISSUER, arbitraryRecord } from "./helpers/records";

const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };
const HIDEABLE = [
  "/issuer/name", "/issuer/url", "/credentialSubject/studentId", "/credentialSubject/name", "/credentialSubject/degree",
  "/credentialSubject/major", "/credentialSubject/honours", "/credentialSubject/awardDate", "/credentialSubject/gpa",
  "/credentialSubject/dateOfBirth",
];

/** The verifier's integrity check: content → leaf → proof → root. */
function verifies(credential: Credential): boolean {
  let leaf: string;
  try {
    leaf = digestCredential(credential).leaf;
  } catch {
    return false;
  }
  const { merkleRoot, merkleProof, leafIndex, batchSize } = credential.proof;
  return verifyMerkleProof({ root: merkleRoot, leaf, proof: merkleProof, leafIndex, batchSize });
}

function setAt(document: unknown, pointer: string, value: unknown): void {
  const tokens = pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = document as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
  node[tokens[tokens.length - 1] as string] = value;
}

const mutateHex = (hex: string, at: number): string => {
  const position = 2 + (at % (hex.length - 2));
  return hex.slice(0, position) + ((parseInt(hex[position] as string, 16) + 1) % 16).toString(16) + hex.slice(position + 1);
};

const batchArbitrary = fc.array(arbitraryRecord, { minLength: 1, maxLength: 7 }).map((records) =>
  wrapBatch(records.map((record) => buildCredential(record, ISSUER)), CONTEXT),
);

describe("properties of issued batches", function () {
  this.timeout(120_000);

  it("every credential of a random batch verifies to the root", () => {
    fc.assert(
      fc.property(batchArbitrary, (batch) => {
        for (const credential of batch.credentials) {
          expect(credential.proof.merkleRoot).to.equal(batch.root);
          expect(verifies(credential)).to.equal(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("any single change of a claim value, salt, proof element or root breaks verification", () => {
    fc.assert(
      fc.property(batchArbitrary, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), (batch, pick, at, kind) => {
        const original = batch.credentials[pick % batch.credentials.length] as Credential;
        const credential = structuredClone(original);
        const claims = listClaims(credential);
        const claim = claims[at % claims.length] as (typeof claims)[number];
        if (kind === 0) {
          const value = claim.value;
          const changed = typeof value === "string" ? `${value}x` : typeof value === "number" ? value + 0.01 : typeof value === "boolean" ? !value : 0;
          setAt(credential, claim.pointer, changed);
        } else if (kind === 1) {
          credential.proof.salts[claim.pointer] = mutateHex(credential.proof.salts[claim.pointer] as string, at);
        } else if (kind === 2) {
          fc.pre(credential.proof.merkleProof.length > 0);
          const i = at % credential.proof.merkleProof.length;
          credential.proof.merkleProof[i] = mutateHex(credential.proof.merkleProof[i] as string, at);
        } else {
          credential.proof.merkleRoot = mutateHex(credential.proof.merkleRoot, at);
        }
        expect(verifies(credential)).to.equal(false);
      }),
      { numRuns: 150 },
    );
  });

  it("a changed leafIndex breaks verification whenever the commutative tree can tell (proof length or leaf-layer side)", () => {
    fc.assert(
      fc.property(batchArbitrary, fc.nat(), fc.nat(), (batch, pick, shift) => {
        fc.pre(batch.count > 1);
        const credential = structuredClone(batch.credentials[pick % batch.count] as Credential);
        const { leafIndex, batchSize, merkleProof } = credential.proof;
        const other = (leafIndex + 1 + (shift % (batchSize - 1))) % batchSize;
        credential.proof.leafIndex = other;
        const detectable = expectedProofLength(other, batchSize) !== merkleProof.length || other % 2 !== leafIndex % 2;
        if (detectable) expect(verifies(credential)).to.equal(false);
        credential.proof.leafIndex = batchSize;
        expect(verifies(credential)).to.equal(false);
      }),
      { numRuns: 60 },
    );
  });

  it("disclosing any subset of hideable claims keeps the leaf", () => {
    fc.assert(
      fc.property(batchArbitrary, fc.nat(), fc.subarray(HIDEABLE), (batch, pick, hide) => {
        const credential = batch.credentials[pick % batch.count] as Credential;
        const present = hide.filter((pointer) => {
          const [, a, b] = pointer.split("/");
          const parent = (credential as unknown as Record<string, Record<string, unknown>>)[a as string];
          return parent !== undefined && (b === undefined || Object.hasOwn(parent, b as string));
        });
        const redacted = disclose(credential, present);
        expect(digestCredential(redacted).leaf).to.equal(digestCredential(credential).leaf);
        expect(verifies(redacted)).to.equal(true);
        for (const pointer of present) expect(JSON.stringify(redacted.proof.salts)).not.to.contain(`"${pointer}`);
      }),
      { numRuns: 60 },
    );
  });
});
