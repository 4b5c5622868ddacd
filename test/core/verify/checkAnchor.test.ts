import { expect } from "chai";
import { Wallet } from "ethers";
import type { Credential } from "../../../core/src/Credential";
import { checkAnchor } from "../../../core/src/verify/checkAnchor";
import { ANCHORED_AT, anchoredChain, contextOf, DEPLOYMENT, issueBatch } from "../helpers/anchoredBatch";
import { batchKey, type FakeChain } from "../helpers/fakeChain";

describe("checkAnchor (SPEC §8 ANCHOR)", () => {
  let issued: Credential;
  let credential: Credential;
  let chain: FakeChain;
  const AT = new Date((ANCHORED_AT + 60) * 1000);
  const run = (at = AT) => checkAnchor(credential, contextOf(chain), at);
  const batch = () => chain.batches.get(batchKey(credential.proof.issuer, credential.proof.merkleRoot))!;
  const OTHER = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a").address;

  before(async () => {
    [issued] = (await issueBatch(2)) as [Credential];
  });
  beforeEach(() => {
    credential = structuredClone(issued);
    chain = anchoredChain(credential);
  });

  it("passes for a root this deployment anchored with the proof's issuer, signer and size, and returns the batch", async () => {
    const { result, batch: anchored } = await run();
    expect(result).to.include({ status: "VALID", code: "OK" });
    expect(result.data).to.include({ blockNumber: 42, manifestCid: "QmManifest", anchoredAt: "2026-09-21T14:13:20Z" });
    expect(anchored).to.deep.equal(batch());
  });

  it("ANCHOR_WRONG_CHAIN when the proof names another chain than the deployment's", async () => {
    credential.proof.chainId = 1;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CHAIN" });
  });

  it("ANCHOR_WRONG_CHAIN when the RPC serves another chain than the deployment's", async () => {
    chain.chain = 1;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CHAIN" });
  });

  it("ANCHOR_WRONG_CONTRACT when the proof names another anchor contract", async () => {
    credential.proof.anchor = DEPLOYMENT.registry;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CONTRACT" });
  });

  it("ANCHOR_NOT_FOUND when the root was never anchored", async () => {
    chain.batches.clear();
    const { result, batch: anchored } = await run();
    expect(result).to.include({ status: "INVALID", code: "ANCHOR_NOT_FOUND" });
    expect(anchored).to.equal(undefined);
  });

  it("ANCHOR_ISSUER_MISMATCH, ANCHOR_SIGNER_MISMATCH, ANCHOR_COUNT_MISMATCH when the anchored batch differs from the proof", async () => {
    batch().issuerId = OTHER;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_ISSUER_MISMATCH" });
    chain = anchoredChain(credential);
    batch().signer = OTHER;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_SIGNER_MISMATCH" });
    chain = anchoredChain(credential);
    batch().count = 3;
    expect((await run()).result).to.include({ status: "INVALID", code: "ANCHOR_COUNT_MISMATCH" });
  });

  it("ANCHOR_NOT_YET when checked at a moment before the anchoring, and passes at the anchoring second itself", async () => {
    expect((await run(new Date((ANCHORED_AT - 1) * 1000))).result).to.include({ status: "INVALID", code: "ANCHOR_NOT_YET" });
    expect((await run(new Date(ANCHORED_AT * 1000))).result).to.include({ status: "VALID", code: "OK" });
  });

  it("CHAIN_UNREACHABLE (ERROR) when the chain cannot be read", async () => {
    chain.failing = true;
    const { result } = await run();
    expect(result).to.include({ status: "ERROR", code: "CHAIN_UNREACHABLE" });
    expect(result.data?.error).to.contain("ECONNREFUSED");
  });
});
