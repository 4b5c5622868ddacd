import { expect } from "chai";
import type { Credential } from "../../../core/src/Credential";
import { digestCredential } from "../../../core/src/digestCredential";
import { checkIntegrity } from "../../../core/src/verify/checkIntegrity";
import { issueBatch } from "../helpers/anchoredBatch";

describe("checkIntegrity (SPEC §8 INTEGRITY)", () => {
  let issued: Credential;
  let credential: Credential;
  const GPA = "/credentialSubject/gpa";
  before(async () => {
    [, issued] = (await issueBatch(3)) as [Credential, Credential];
  });
  beforeEach(() => {
    credential = structuredClone(issued);
  });

  it("passes for the credential as issued and returns its leaf", () => {
    const { result, leaf } = checkIntegrity(credential);
    expect(result).to.include({ status: "VALID", code: "OK" });
    expect(leaf).to.equal(digestCredential(credential).leaf);
  });

  it("INTEGRITY_CLAIM_UNSALTED when a visible claim has no salt (a field was added)", () => {
    delete credential.proof.salts[GPA];
    const { result } = checkIntegrity(credential);
    expect(result).to.include({ status: "INVALID", code: "INTEGRITY_CLAIM_UNSALTED" });
    expect(result.data).to.deep.equal({ pointer: GPA });
  });

  it("INTEGRITY_SALT_ORPHANED when a salt names no visible claim (a field was removed without hiding it)", () => {
    delete credential.credentialSubject.gpa;
    expect(checkIntegrity(credential).result).to.include({ status: "INVALID", code: "INTEGRITY_SALT_ORPHANED" });
  });

  it("INTEGRITY_HIDDEN_CONFLICT when a hidden pointer is also visible, or structural", () => {
    credential.proof.hiddenClaims = { [GPA]: `0x${"11".repeat(32)}` };
    expect(checkIntegrity(credential).result).to.include({ status: "INVALID", code: "INTEGRITY_HIDDEN_CONFLICT" });
    credential = structuredClone(issued);
    credential.proof.hiddenClaims = { "/validUntil/x": `0x${"11".repeat(32)}` };
    expect(checkIntegrity(credential).result).to.include({ status: "INVALID", code: "INTEGRITY_HIDDEN_CONFLICT" });
  });

  it("INTEGRITY_PROOF_SHAPE for a leaf index outside the batch or a proof of the wrong length", () => {
    credential.proof.leafIndex = 3;
    expect(checkIntegrity(credential).result).to.include({ status: "INVALID", code: "INTEGRITY_PROOF_SHAPE" });
    credential = structuredClone(issued);
    credential.proof.merkleProof = [...credential.proof.merkleProof, `0x${"22".repeat(32)}`];
    expect(checkIntegrity(credential).result).to.include({ status: "INVALID", code: "INTEGRITY_PROOF_SHAPE" });
  });

  it("INTEGRITY_ROOT_MISMATCH when a claim's value changed", () => {
    credential.credentialSubject.gpa = 4;
    const { result, leaf } = checkIntegrity(credential);
    expect(result).to.include({ status: "INVALID", code: "INTEGRITY_ROOT_MISMATCH" });
    expect(leaf).not.to.equal(digestCredential(issued).leaf);
  });
});
