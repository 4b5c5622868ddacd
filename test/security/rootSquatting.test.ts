/**
 * Root squatting against a real chain: another accredited university copies a batch root from the issuer's pending
 * anchoring transaction and anchors it first under its own key. Under anchor protocol v1 (one namespace of roots) the
 * issuer's transaction then reverted (CredentialAnchorRootExists) and the batch could never be anchored; under v2
 * (SPEC §7, records keyed by issuer and root) the squatter's record is filed under the squatter only.
 */
import { expect } from "chai";
import { Wallet } from "ethers";
import { batchTypedData } from "../../core/src/batchTypedData";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { createChainWriter } from "../../core/src/chain/createChainWriter";
import { DEV_PRIVATE_KEYS } from "../../core/src/chain/devAccounts";
import type { ContentStore } from "../../core/src/content/ContentStore";
import { contentId } from "../../core/src/contentId";
import type { Credential } from "../../core/src/Credential";
import { issueBatch, type IssuedBatch } from "../../core/src/issueBatch";
import { parseGraduateFile } from "../../core/src/parseGraduateFile";
import type { VerificationReport } from "../../core/src/VerificationReport";
import { verifyCredential } from "../../core/src/verifyCredential";
import { accreditedUniversity, startDeployedChain, type DeployedChain } from "../core/chain/helpers/deployedChain";

const CSV = `student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date
SQ0001,Chan Tai Man,陳大文,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30
SQ0002,Lee Siu Ming,李小明,Bachelor of Arts,文學士,History,歷史,Second Class Honours (Upper Division),2026-06-30
`;

const store: ContentStore = { kind: "directory", put: async (bytes) => contentId(bytes), healthy: async () => true };

describe("security: root squatting (another accredited key anchors the issuer's root first)", function () {
  this.timeout(120_000);
  let node: DeployedChain;
  let harbour: Wallet;
  let squatter: Wallet;
  let issued: IssuedBatch;
  const verify = (credential: Credential): Promise<VerificationReport> =>
    verifyCredential(JSON.stringify(credential), { reader: createChainReader(node.provider, node.deployment), deployment: node.deployment });

  before(async () => {
    node = await startDeployedChain();
    harbour = await accreditedUniversity(node);
    squatter = new Wallet(DEV_PRIVATE_KEYS[2], node.provider);
    const council = createChainWriter(node.admin, node.deployment);
    const { proposalId } = await council.propose({ function: "accredit", args: [squatter.address, "Lion Rock University", "獅子山大學", "lionrock.example.edu"] });
    await (await council.execute(proposalId)).wait();
    // Between signing and anchoring (where a pending transaction shows the root to everyone), the squatter anchors
    // the same root and count under its own key, with its own signature.
    issued = await issueBatch(parseGraduateFile(CSV, "csv").records, {
      issuer: { id: harbour.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" },
      anchor: node.deployment.anchor,
      signer: harbour,
      writer: createChainWriter(harbour, node.deployment),
      store,
      beforeAnchor: async (batch) => {
        const typed = batchTypedData({ chainId: 31337, anchor: node.deployment.anchor, issuer: squatter.address, root: batch.root, count: batch.count });
        const signature = await squatter.signTypedData(typed.domain, typed.types, typed.message);
        await (await createChainWriter(squatter, node.deployment).anchorBatch(batch.root, batch.count, "QmSquatter", signature)).wait();
      },
    });
  });
  after(async () => node?.stop());

  it("does not block the issuer: its batch is anchored under its own issuer id after the squatter's", async () => {
    const reader = createChainReader(node.provider, node.deployment);
    const own = await reader.batch(harbour.address, issued.batch.root);
    const squatted = await reader.batch(squatter.address, issued.batch.root);
    expect(own).to.include({ issuerId: harbour.address, signer: harbour.address, count: 2, manifestCid: issued.manifestCid });
    expect(squatted).to.include({ issuerId: squatter.address, signer: squatter.address, manifestCid: "QmSquatter" });
    expect(squatted!.blockNumber).to.be.lessThan(own!.blockNumber);
  });

  it("does not mislead verification: every credential of the issuer verifies VALID against the issuer's record", async () => {
    for (const credential of issued.batch.credentials) {
      const report = await verify(credential);
      expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
      expect(report.checks.find((c) => c.check === "ANCHOR")?.data).to.include({ manifestCid: issued.manifestCid });
    }
  });

  it("the squatter's record verifies only as the squatter's: a credential re-labelled to the squatter is not VALID", async () => {
    const credential = structuredClone(issued.batch.credentials[0] as Credential);
    const typed = batchTypedData({ chainId: 31337, anchor: node.deployment.anchor, issuer: squatter.address, root: credential.proof.merkleRoot, count: credential.proof.batchSize });
    credential.issuer.id = `did:pkh:eip155:31337:${squatter.address}`;
    credential.proof.issuer = squatter.address;
    credential.proof.signer = squatter.address;
    credential.proof.signature = (await squatter.signTypedData(typed.domain, typed.types, typed.message)).toLowerCase();
    const report = await verify(credential);
    expect(report.status).to.equal("INVALID");
    // The issuer's id is a hashed claim: naming another issuer changes the leaf, so the squatter's root does not cover it.
    expect(report.checks.find((c) => c.check === "INTEGRITY")).to.include({ status: "INVALID", code: "INTEGRITY_ROOT_MISMATCH" });
  });
});
