import { expect } from "chai";
import { Wallet } from "ethers";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { createChainWriter } from "../../core/src/chain/createChainWriter";
import { decodeRevert } from "../../core/src/chain/decodeRevert";
import { DEV_PRIVATE_KEYS } from "../../core/src/chain/devAccounts";
import type { ContentStore } from "../../core/src/content/ContentStore";
import { contentId } from "../../core/src/contentId";
import { issueBatch } from "../../core/src/issueBatch";
import type { SignedBatch } from "../../core/src/signBatch";
import { parseGraduateFile } from "../../core/src/parseGraduateFile";
import { verifyCredential } from "../../core/src/verifyCredential";
import { accreditedUniversity, startDeployedChain, type DeployedChain } from "./chain/helpers/deployedChain";

const CSV = `student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date
IB0001,Chan Tai Man,陳大文,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30
IB0002,Lee Siu Ming,李小明,Bachelor of Arts,文學士,History,歷史,Second Class Honours (Upper Division),2026-06-30
IB0003,Wong Ka Yan,黃嘉欣,Bachelor of Science,理學士,Physics,物理,First Class Honours,2026-06-30
`;

function memoryStore(): ContentStore & { stored: Map<string, Uint8Array> } {
  const stored = new Map<string, Uint8Array>();
  return {
    kind: "directory",
    stored,
    async put(bytes) {
      const cid = contentId(bytes);
      stored.set(cid, bytes);
      return cid;
    },
    healthy: async () => true,
  };
}

describe("issueBatch", function () {
  this.timeout(120_000);
  let node: DeployedChain;
  let university: Wallet;
  const { records } = parseGraduateFile(CSV, "csv");

  before(async () => {
    node = await startDeployedChain();
    university = await accreditedUniversity(node);
  });
  after(async () => node?.stop());

  const options = (store: ContentStore, signer: Wallet, beforeAnchor?: (batch: SignedBatch) => Promise<void>) => ({
    issuer: { id: signer.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" },
    anchor: node.deployment.anchor,
    signer,
    writer: createChainWriter(signer, node.deployment),
    store,
    ...(beforeAnchor === undefined ? {} : { beforeAnchor }),
  });

  it("builds, signs, stores the manifest and anchors: every credential verifies VALID, the manifest's CID is on chain", async () => {
    const store = memoryStore();
    const reader = createChainReader(node.provider, node.deployment);
    let anchoredWhenStaged: boolean | undefined;
    const issued = await issueBatch(
      records,
      options(store, university, async (batch) => {
        anchoredWhenStaged = await reader.isAnchored(university.address, batch.root);
      }),
    );
    expect(anchoredWhenStaged).to.equal(false);
    expect(issued.batch.credentials).to.have.length(3);
    expect(store.stored.has(issued.manifestCid)).to.equal(true);
    expect((await reader.batch(university.address, issued.batch.root))?.manifestCid).to.equal(issued.manifestCid);
    expect(issued.blockNumber).to.be.a("number");
    for (const credential of issued.batch.credentials) {
      const report = await verifyCredential(JSON.stringify(credential), { reader, deployment: node.deployment });
      expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
    }
  });

  it("rejects with the node's revert when the signer may not anchor, after staging, so the caller can discard its files", async () => {
    const rogue = new Wallet(DEV_PRIVATE_KEYS[5], node.provider);
    let staged = false;
    const refusal = await issueBatch(records, options(memoryStore(), rogue, async () => void (staged = true))).then(
      () => undefined,
      (error: unknown) => decodeRevert(error),
    );
    expect(refusal?.name).to.equal("CredentialAnchorUnauthorisedKey");
    expect(staged).to.equal(true);
  });
});
