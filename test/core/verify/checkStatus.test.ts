import { expect } from "chai";
import { RevocationReason, type RevocationRecord } from "../../../core/src/chain/ChainReader";
import type { Credential } from "../../../core/src/Credential";
import { digestCredential } from "../../../core/src/digestCredential";
import { checkStatus } from "../../../core/src/verify/checkStatus";
import { ANCHORED_AT, anchoredChain, contextOf, ISSUER_KEY, issueBatch } from "../helpers/anchoredBatch";
import { batchKey, leafKey, type FakeChain } from "../helpers/fakeChain";

describe("checkStatus (SPEC §8 STATUS)", () => {
  let credential: Credential;
  let leaf: string;
  let chain: FakeChain;
  const REVOKED_AT = ANCHORED_AT + 100;
  const after = new Date((REVOKED_AT + 1) * 1000);
  const revocation = (reasonCode: RevocationReason, reason: string): RevocationRecord => ({ revokedAt: REVOKED_AT, reasonCode, reason, revokedBy: ISSUER_KEY.address });
  const run = (at = after) => checkStatus(credential.proof.issuer, credential.proof.merkleRoot, leaf, contextOf(chain), at);

  before(async () => {
    [credential] = (await issueBatch(2)) as [Credential];
    leaf = digestCredential(credential).leaf;
  });
  beforeEach(() => {
    chain = anchoredChain(credential);
  });

  it("passes when neither the batch nor the leaf is revoked", async () => {
    expect(await run()).to.include({ status: "VALID", code: "OK" });
  });

  it("STATUS_REVOKED with reason, reason name, time and revoker", async () => {
    chain.credentialRevocations.set(leafKey(credential.proof.issuer, credential.proof.merkleRoot, leaf), revocation(RevocationReason.AcademicMisconduct, "Thesis plagiarised"));
    const result = await run();
    expect(result).to.include({ status: "INVALID", code: "STATUS_REVOKED" });
    expect(result.data).to.deep.equal({ reason: "Thesis plagiarised", reasonCode: "AcademicMisconduct", revokedAt: "2026-09-21T14:15:00Z", revokedBy: ISSUER_KEY.address });
  });

  it("STATUS_SUPERSEDED naming the replacement when the reason code is Superseded", async () => {
    const replacement = "urn:uuid:00000000-0000-4000-8000-000000000001";
    chain.credentialRevocations.set(leafKey(credential.proof.issuer, credential.proof.merkleRoot, leaf), revocation(RevocationReason.Superseded, replacement));
    const result = await run();
    expect(result).to.include({ status: "INVALID", code: "STATUS_SUPERSEDED" });
    expect(result.data).to.include({ supersededBy: replacement });
  });

  it("STATUS_BATCH_REVOKED when the whole batch is revoked", async () => {
    chain.batchRevocations.set(batchKey(credential.proof.issuer, credential.proof.merkleRoot), revocation(RevocationReason.KeyCompromise, "key stolen"));
    expect(await run()).to.include({ status: "INVALID", code: "STATUS_BATCH_REVOKED" });
  });

  it("passes when checked at a moment before the revocation took effect", async () => {
    chain.batchRevocations.set(batchKey(credential.proof.issuer, credential.proof.merkleRoot), revocation(RevocationReason.KeyCompromise, "key stolen"));
    expect(await run(new Date((REVOKED_AT - 1) * 1000))).to.include({ status: "VALID", code: "OK" });
    expect(await run(new Date(REVOKED_AT * 1000))).to.include({ status: "INVALID", code: "STATUS_BATCH_REVOKED" });
  });

  it("CHAIN_UNREACHABLE (ERROR) when revocations cannot be read", async () => {
    chain.failing = true;
    expect(await run()).to.include({ status: "ERROR", code: "CHAIN_UNREACHABLE" });
  });
});
