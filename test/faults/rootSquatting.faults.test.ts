/**
 * Root squatting against the issuer service (issue 14): another accredited university's key reads the root of the
 * service's anchoring transaction (from the mempool, here from the JSON-RPC proxy that carries it) and anchors it
 * first under its own key. Under anchor protocol v1 the service's transaction reverted and the batch failed, and with a
 * dropped transaction the service took the squatter's record; under v2 (SPEC §7) the squatter's record is filed under
 * the squatter, and the service publishes only a record under its own issuer that is exactly what it sent.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { Contract, Interface, Transaction, Wallet } from "ethers";
import request from "supertest";
import { batchTypedData } from "../../core/src/batchTypedData";
import { createChainWriter } from "../../core/src/chain/createChainWriter";
import { DEV_PRIVATE_KEYS } from "../../core/src/chain/devAccounts";
import { credentialAnchorAbi } from "../../core/src/generated/abis";
import { describeEachEngine, startChain, UNIVERSITIES, waitForState, type Chain, type Service } from "../issuer-service/harness";
import { auth, batchRow, expectAnchoredOnceAndVerifiable, rpc, serviceTracker, until, upload, waitForPublished } from "./helpers";
import { startRpcProxy, type RpcProxy } from "./rpcProxy";

const anchorInterface = new Interface(credentialAnchorAbi);
const ANCHOR_BATCH = anchorInterface.getFunction("anchorBatch")!.selector;
const SQUATTER_CID = "QmSquatterCopiedTheRoot";

describeEachEngine("faults: root squatting does not block or mislead the issuer service", function () {
  this.timeout(300_000);
  let chain: Chain;
  let proxy: RpcProxy;
  let deployment: { chainId: number; anchor: string; registry: string };
  let anchor: Contract;
  const harbour = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.harbour.devAccount] as string).address;
  const { start, stopAll } = serviceTracker();

  before(async () => {
    chain = await startChain();
    deployment = JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as typeof deployment;
    anchor = new Contract(deployment.anchor, credentialAnchorAbi, chain.provider);
  });
  beforeEach(async () => {
    proxy = await startRpcProxy(chain.chain.url);
  });
  afterEach(async () => {
    await stopAll();
    await proxy.close();
    await rpc(chain, "evm_setAutomine", [true]);
  });
  after(async () => {
    await chain?.stop();
  });

  /** Lion Rock's key anchors `root` under its own issuer with its own signature; resolves once the node took it. */
  async function squat(root: string, count: number): Promise<string> {
    const squatter = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.lionrock.devAccount] as string, chain.provider);
    const typed = batchTypedData({ chainId: deployment.chainId, anchor: deployment.anchor, issuer: squatter.address, root, count });
    const signature = await squatter.signTypedData(typed.domain, typed.types, typed.message);
    return (await createChainWriter(squatter, deployment).anchorBatch(root, count, SQUATTER_CID, signature)).hash;
  }

  /** The BatchAnchored events of `root`, per issuer: issuer → transaction hash. */
  async function anchorings(root: string): Promise<Record<string, string>> {
    const events = await anchor.queryFilter(anchor.filters.BatchAnchored!(null, root), 0);
    return Object.fromEntries(events.map((event) => [anchorInterface.parseLog(event)!.args.issuerId as string, event.transactionHash]));
  }

  it("a squatter front-runs the service's pending transaction: the service's transaction still anchors the root under its issuer, the batch is published and VALID", async () => {
    const service = await start(chain, "squat-pending", { config: { rpcUrl: proxy.url } });
    let squatting: string | undefined;
    let raw = "";
    proxy.rules.push({
      method: "eth_sendRawTransaction",
      times: 1,
      match: ([transaction]) => {
        raw = transaction as string;
        return Transaction.from(raw).data.startsWith(ANCHOR_BATCH);
      },
      // The squatter's transaction is mined before the service's reaches the node.
      before: async () => {
        const [root, count] = anchorInterface.decodeFunctionData("anchorBatch", Transaction.from(raw).data) as unknown as [string, bigint];
        squatting = await squat(root, Number(count));
        await chain.provider.waitForTransaction(squatting);
      },
    });
    const id = await upload(service, "SQP");
    const done = await waitForPublished(service, id);
    expect(proxy.faulted).to.equal(1);
    const row = await batchRow(service, id);
    const squatter = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.lionrock.devAccount] as string).address;
    expect(await anchorings(row.root!)).to.deep.equal({ [squatter]: squatting, [harbour]: row.tx_hash });
    expect((await chain.provider.getTransactionReceipt(squatting!))!.blockNumber).to.be.lessThan(row.block_number!);
    expect(done.transaction).to.include({ hash: row.tx_hash });
    const squatted = await anchor.getFunction("batch")(squatter, row.root);
    expect([squatted.issuerId, squatted.manifestCid]).to.deep.equal([squatter, SQUATTER_CID]);
    expect(service.logs.filter((l) => l.event === "batch.failed" || l.event === "batch.anchorFound")).to.deep.equal([]);
    await expectAnchoredOnceAndVerifiable(chain, service, id);
  });

  /** Uploads a batch and drops its anchoring transaction from the mempool; the worker is stopped, automine off. */
  async function droppedBatch(db: string, prefix: string): Promise<{ service: Service; id: string; hash: string }> {
    const service = await start(chain, db, { worker: false });
    const id = await upload(service, prefix);
    await rpc(chain, "evm_setAutomine", [false]);
    service.worker.start();
    await until(async () => {
      const row = await batchRow(service, id);
      return row.state === "anchoring" && row.tx_hash !== null;
    }, "the anchoring transaction");
    const hash = (await batchRow(service, id)).tx_hash!;
    await until(async () => (await rpc(chain, "eth_getTransactionByHash", [hash])) !== null, "the transaction in the mempool");
    await service.worker.stop();
    expect(await rpc(chain, "hardhat_dropTransaction", [hash])).to.equal(true);
    return { service, id, hash };
  }

  it("dropped + squatted: the service's transaction is dropped and a squatter anchors the root; the service does not take the squatter's record, rebroadcasts its own and publishes it", async () => {
    const { service, id, hash } = await droppedBatch("squat-dropped", "SQD");
    const row = await batchRow(service, id);
    const squatting = await squat(row.root!, row.count);
    await rpc(chain, "evm_mine");
    await rpc(chain, "evm_setAutomine", [true]);
    expect((await chain.provider.getTransactionReceipt(squatting))!.status).to.equal(1);
    service.worker.start();
    const done = await waitForPublished(service, id);
    expect(done.transaction).to.include({ hash });
    const squatter = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.lionrock.devAccount] as string).address;
    expect(await anchorings(row.root!)).to.deep.equal({ [squatter]: squatting, [harbour]: hash });
    expect(service.logs.filter((l) => l.event === "batch.failed" || l.event === "batch.anchorFound")).to.deep.equal([]);
    await expectAnchoredOnceAndVerifiable(chain, service, id);
  });

  it("a record under the issuer that is not what the service sent (the batch's key, another manifest CID) fails the batch with ANCHOR_RECORD_MISMATCH, never published", async () => {
    const { service, id } = await droppedBatch("squat-mismatch", "SQM");
    const row = await batchRow(service, id);
    const key = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.harbour.devAccount] as string, chain.provider);
    // Someone holding the university's key anchors the batch's own root and signature with another manifest.
    const other = await createChainWriter(key, deployment).anchorBatch(row.root!, row.count, "QmNotThisBatchesManifest", row.signature!);
    await rpc(chain, "evm_mine");
    await rpc(chain, "evm_setAutomine", [true]);
    expect((await chain.provider.getTransactionReceipt(other.hash))!.status).to.equal(1);
    service.worker.start();
    const failed = await waitForState(
      async () => (await request(service.app).get(`/api/v1/batches/${id}`).set(auth(service.keys.harbour))).body,
      ["published", "failed"],
    );
    expect(failed.state).to.equal("failed");
    expect(failed.error).to.match(/manifestCid QmNotThisBatchesManifest/);
    expect(service.logs.some((l) => l.event === "batch.failed" && /manifestCid/.test(String(l.error)))).to.equal(true);
  });
});
