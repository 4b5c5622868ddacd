/**
 * Faults that must lose nothing: the issuer service's anchoring worker against a real Hardhat node that the test
 * controls (RPC methods evm_setAutomine, evm_mine, hardhat_dropTransaction, evm_snapshot/evm_revert) and a JSON-RPC
 * proxy that answers 5xx, loses answers or hangs. Every scenario ends with the batch published, its root anchored
 * exactly once, and every credential file the service released VALID against the chain.
 * "Kills" are in-process (InjectedCrash thrown at the named point, the service then stopped and started again over
 * the same SQLite file), not SIGKILL of a child process.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, Interface, Transaction } from "ethers";
import request from "supertest";
import { contentId } from "../../core/src/contentId";
import { credentialAnchorAbi } from "../../core/src/generated/abis";
import * as fs from "node:fs";
import { createDirectoryStore, type ContentStore } from "@credanchor/core/issue";
import { InjectedCrash } from "../../issuer-service/errors";
import { describeEachEngine, anchoredEvents, startChain, type Chain, type Service } from "../issuer-service/harness";
import type { BatchState } from "../../issuer-service/db/schema";
import { auth, batchRow, expectAnchoredOnceAndVerifiable, killBefore, rpc, serviceTracker, until, upload, waitForPublished } from "./helpers";
import { startRpcProxy, type RpcProxy } from "./rpcProxy";

/** The outcomes of the sends the node refused for their nonce, as the worker logged them. */
const refusals = (service: Service) => service.logs.filter((l) => l.event === "batch.sendRefused").map((l) => l.outcome);

describeEachEngine("faults: anchoring loses nothing", function () {
  this.timeout(300_000);
  let chain: Chain;
  const { running, start, stopAll } = serviceTracker();

  before(async () => {
    chain = await startChain();
  });
  afterEach(async () => {
    await stopAll();
    await rpc(chain, "evm_setAutomine", [true]);
  });
  after(async () => {
    await chain?.stop();
  });

  describe("RPC failures through a proxy", () => {
    let proxy: RpcProxy;
    beforeEach(async () => {
      proxy = await startRpcProxy(chain.chain.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("5xx answers to every call for a while: the worker backs off, retries and anchors once", async () => {
      const service = await start(chain, "rpc-5xx", { worker: false, config: { rpcUrl: proxy.url } });
      const id = await upload(service, "FXA");
      // Every call of the batch's steps (registry reads, nonce, send, receipt); the worker's per-tick block-number
      // probe is left alone so that it cannot use up the faults before the batch is due.
      proxy.rules.push({ method: /^(?!eth_blockNumber$)/, status: 503, times: 5 });
      service.worker.start();
      await waitForPublished(service, id);
      expect(proxy.faulted).to.equal(5);
      expect(service.logs.filter((l) => l.event === "batch.retry").length).to.be.greaterThan(0);
      expect(service.logs.filter((l) => l.event === "batch.failed")).to.deep.equal([]);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });

    it("the node takes the transaction but the answer is lost (502 after forwarding): the same transaction is confirmed, no second one", async () => {
      proxy.rules.push({ method: "eth_sendRawTransaction", status: 502, lostResponse: true, times: 1 });
      const service = await start(chain, "rpc-lost", { config: { rpcUrl: proxy.url } });
      const id = await upload(service, "FXB");
      const done = await waitForPublished(service, id);
      expect(proxy.faulted).to.equal(1);
      expect((done.transaction as { hash: string }).hash).to.equal((await batchRow(service, id)).tx_hash);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });

    it("a call that never answers times out (10 s) and is retried; the transaction it carried is not sent twice", async () => {
      proxy.rules.push({ method: "eth_sendRawTransaction", hang: true, times: 1 });
      const service = await start(chain, "rpc-hang", { config: { rpcUrl: proxy.url } });
      const id = await upload(service, "FXC");
      await waitForPublished(service, id, 90_000);
      expect(proxy.faulted).to.equal(1);
      expect(service.logs.some((l) => l.event === "batch.retry" && /timeout/i.test(String(l.error)))).to.equal(true);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });
  });

  describe("a transaction dropped from the mempool", () => {
    async function dropOnce(service: Service, id: string, beforeRestart?: () => void): Promise<{ hash: string; nonce: number; raw: string }> {
      await until(async () => (await batchRow(service, id)).state === "anchoring" && (await batchRow(service, id)).tx_hash !== null, "the anchoring transaction");
      const { tx_hash: hash, nonce, raw_tx: raw } = await batchRow(service, id);
      await until(async () => (await rpc(chain, "eth_getTransactionByHash", [hash])) !== null, "the transaction in the mempool");
      // The worker rebroadcasts every tick while nothing is mined: pause it so the drop can be observed.
      await service.worker.stop();
      expect(await rpc(chain, "hardhat_dropTransaction", [hash])).to.equal(true);
      expect(await rpc(chain, "eth_getTransactionByHash", [hash])).to.equal(null);
      expect(await rpc<unknown[]>(chain, "eth_pendingTransactions")).to.deep.equal([]);
      beforeRestart?.();
      service.worker.start();
      return { hash: hash!, nonce: nonce!, raw: raw! };
    }

    /** Drops the anchoring transaction, waits for its unchanged rebroadcast, and drops it again: the worker replaces it. */
    async function dropTwice(service: Service, id: string, beforeReplacement?: () => void): Promise<{ hash: string; nonce: number; raw: string }> {
      const first = await dropOnce(service, id);
      await until(async () => (await rpc(chain, "eth_getTransactionByHash", [first.hash])) !== null, "the unchanged rebroadcast", 15_000);
      const again = await dropOnce(service, id, beforeReplacement);
      expect(again).to.deep.equal(first);
      return first;
    }

    async function minedTransaction(service: Service, id: string): Promise<string> {
      const anchor = new Contract((JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { anchor: string }).anchor, credentialAnchorAbi, chain.provider);
      const [event] = await anchor.queryFilter(anchor.filters.BatchAnchored!(null, (await batchRow(service, id)).root), 0);
      return event!.transactionHash;
    }

    let proxy: RpcProxy;
    beforeEach(async () => {
      proxy = await startRpcProxy(chain.chain.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it("is sent again with the same nonce (the very transaction persisted before sending) and confirmed once", async () => {
      const service = await start(chain, "dropped", { worker: false });
      const id = await upload(service, "DRP");
      await rpc(chain, "evm_setAutomine", [false]);
      service.worker.start();
      const { hash, nonce } = await dropOnce(service, id);
      await until(async () => (await rpc(chain, "eth_getTransactionByHash", [hash])) !== null, "the re-sent transaction", 15_000);
      await rpc(chain, "evm_mine");
      await rpc(chain, "evm_setAutomine", [true]);
      await waitForPublished(service, id);
      // The transaction that anchored the root is the one persisted before the first send: same hash, same nonce.
      expect(await minedTransaction(service, id)).to.equal(hash);
      expect((await chain.provider.getTransaction(hash))!.nonce).to.equal(nonce);
      expect(await batchRow(service, id)).to.include({ tx_hash: hash, nonce });
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });

    it("is replaced with the same nonce and a higher fee when it is dropped again after an unchanged rebroadcast", async () => {
      const service = await start(chain, "dropped-fee", { worker: false });
      const id = await upload(service, "DRF");
      await rpc(chain, "evm_setAutomine", [false]);
      service.worker.start();
      const { hash, nonce, raw } = await dropTwice(service, id);
      const original = Transaction.from(raw);
      await until(async () => (await rpc<unknown[]>(chain, "eth_pendingTransactions")).length > 0, "a replacement", 15_000);
      await rpc(chain, "evm_mine");
      await rpc(chain, "evm_setAutomine", [true]);
      const done = await waitForPublished(service, id);
      const mined = await chain.provider.getTransaction((done.transaction as { hash: string }).hash);
      expect(mined!.nonce).to.equal(nonce);
      expect(mined!.hash).to.not.equal(hash);
      expect(mined!.maxFeePerGas! > original.maxFeePerGas!).to.equal(true);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });

    it("the replacement is mined just before the worker rebroadcasts it: the node answers \"nonce too low\" and the batch is published with the replacement", async () => {
      const service = await start(chain, "replacement-mined", { worker: false, config: { rpcUrl: proxy.url } });
      const id = await upload(service, "RPM");
      await rpc(chain, "evm_setAutomine", [false]);
      service.worker.start();
      const { hash, nonce } = await dropTwice(service, id);
      await until(async () => (await batchRow(service, id)).tx_hash !== hash, "the replacement");
      const replacement = (await batchRow(service, id)).tx_hash!;
      await until(async () => (await rpc(chain, "eth_getTransactionByHash", [replacement])) !== null, "the replacement in the mempool");
      // The worker resends the pending replacement every tick; the next send meets a block that has just mined it.
      proxy.rules.push({ method: "eth_sendRawTransaction", times: 1, before: () => rpc(chain, "evm_mine").then(() => undefined) });
      await until(() => refusals(service).length > 0, "the refused send");
      expect(refusals(service)).to.deep.equal(["nonceUsed"]);
      await rpc(chain, "evm_setAutomine", [true]);
      const done = await waitForPublished(service, id);
      expect(done.transaction).to.include({ hash: replacement, nonce });
      expect(await minedTransaction(service, id)).to.equal(replacement);
      expect(service.logs.filter((l) => l.event === "batch.failed" || l.event === "batch.nonceTaken")).to.deep.equal([]);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });

    it("the original is mined after the worker replaced it: the replacement is refused for its nonce and the batch is published with the original", async () => {
      const service = await start(chain, "original-mined", { worker: false, config: { rpcUrl: proxy.url } });
      const id = await upload(service, "OGM");
      await rpc(chain, "evm_setAutomine", [false]);
      service.worker.start();
      const original = await dropTwice(service, id, () =>
        // The worker's next send is the replacement; a node that kept the original mines it first.
        proxy.rules.push({
          method: "eth_sendRawTransaction",
          times: 1,
          before: async () => {
            await rpc(chain, "eth_sendRawTransaction", [original.raw]);
            await rpc(chain, "evm_mine");
          },
        }),
      );
      await until(() => refusals(service).length > 0, "the refused replacement");
      expect(refusals(service)).to.deep.equal(["nonceUsed"]);
      await rpc(chain, "evm_setAutomine", [true]);
      const done = await waitForPublished(service, id);
      expect(done.transaction).to.include({ hash: original.hash, nonce: original.nonce });
      expect(await minedTransaction(service, id)).to.equal(original.hash);
      const signed = await service.ctx.db.selectFrom("anchor_transactions").select(["hash", "nonce"]).where("batch_id", "=", id).orderBy("signed_at").execute();
      expect(signed).to.have.length(2);
      expect(signed[0]).to.deep.equal({ hash: original.hash, nonce: original.nonce });
      expect(signed[1]!.nonce).to.equal(original.nonce);
      expect(service.logs.some((l) => l.event === "batch.minedEarlier" && l.transaction === original.hash)).to.equal(true);
      expect(service.logs.filter((l) => l.event === "batch.failed" || l.event === "batch.nonceTaken")).to.deep.equal([]);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });
  });

  describe("a send the node refuses for its nonce, in the words of other nodes", () => {
    let proxy: RpcProxy;
    beforeEach(async () => {
      proxy = await startRpcProxy(chain.chain.url);
    });
    afterEach(async () => {
      await proxy.close();
    });

    // Geth's and Hardhat's wordings; the node takes the transaction (and, automining, mines it) but answers with the
    // refusal, as a load-balanced endpoint whose other node already had it would.
    const answers: [answer: string, outcome: string | null][] = [
      ["nonce too low: address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, tx: 0 state: 1", "nonceUsed"],
      ["Nonce too low. Expected nonce to be 1 but got 0.", "nonceUsed"],
      ["replacement transaction underpriced", "underpriced"],
      ["already known", null],
    ];
    for (const [answer, outcome] of answers) {
      it(`the node takes the transaction but answers "${answer}": the batch is published with that transaction`, async () => {
        proxy.rules.push({ method: "eth_sendRawTransaction", times: 1, lostResponse: true, error: answer });
        const service = await start(chain, `refused-${outcome ?? "known"}-${answers.findIndex(([a]) => a === answer)}`, { config: { rpcUrl: proxy.url } });
        const id = await upload(service, "NRF");
        const done = await waitForPublished(service, id);
        expect(proxy.faulted).to.equal(1);
        expect(refusals(service)).to.deep.equal(outcome === null ? [] : [outcome]);
        const row = await batchRow(service, id);
        expect(done.transaction).to.include({ hash: row.tx_hash, nonce: row.nonce });
        expect(service.logs.filter((l) => l.event === "batch.failed" || l.event === "batch.retry")).to.deep.equal([]);
        await expectAnchoredOnceAndVerifiable(chain, service, id);
      });
    }

    it("publishing a reissue, the node refuses the supersession's revocation for its nonce: retried, the old credential revoked once, the batch published", async () => {
      const service = await start(chain, "refused-revocation", { config: { rpcUrl: proxy.url } });
      const original = await upload(service, "RVN", 2);
      await waitForPublished(service, original);
      const old = await service.ctx.db.selectFrom("credentials").select(["id", "leaf", "document"]).where("batch_id", "=", original).orderBy("position").limit(1).executeTakeFirstOrThrow();
      const revokeCredential = new Interface(credentialAnchorAbi).getFunction("revokeCredential")!.selector;
      proxy.rules.push({ method: "eth_sendRawTransaction", times: 1, error: "nonce too low", match: ([raw]) => Transaction.from(raw as string).data.startsWith(revokeCredential) });
      const reissue = await request(service.app).post(`/api/v1/credentials/${old.id}/reissue`).set(auth(service.keys.harbour)).send({ nameEn: "Corrected Graduate Name" }).expect(202);
      await waitForPublished(service, reissue.body.id as string);
      expect(proxy.faulted).to.equal(1);
      expect(service.logs.some((l) => l.event === "batch.retry" && l.state === "confirmed" && /nonce/.test(String(l.error)))).to.equal(true);
      expect(service.logs.filter((l) => l.event === "batch.failed")).to.deep.equal([]);
      const anchor = new Contract((JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { anchor: string }).anchor, credentialAnchorAbi, chain.provider);
      const root = (JSON.parse(old.document) as { proof: { merkleRoot: string } }).proof.merkleRoot;
      expect(await anchor.queryFilter(anchor.filters.CredentialRevoked!(null, root, old.leaf), 0)).to.have.length(1);
    });

    it("the node answers \"nonce too low\" to a send it did not take: the same transaction is sent again and published", async () => {
      proxy.rules.push({ method: "eth_sendRawTransaction", times: 1, error: "nonce too low" });
      const service = await start(chain, "refused-not-taken", { config: { rpcUrl: proxy.url } });
      const id = await upload(service, "NRT");
      const done = await waitForPublished(service, id);
      expect(refusals(service)).to.deep.equal(["nonceUsed"]);
      const signed = await service.ctx.db.selectFrom("anchor_transactions").select("hash").where("batch_id", "=", id).execute();
      expect(signed.map((row) => row.hash)).to.deep.equal([(done.transaction as { hash: string }).hash]);
      await expectAnchoredOnceAndVerifiable(chain, service, id);
    });
  });

  it("a reorg deeper than 0 but below the confirmation depth: the batch goes back to anchoring and ends confirmed once", async () => {
    const service = await start(chain, "reorg", { worker: false, config: { confirmations: 3 } });
    const id = await upload(service, "ORG");
    const snapshot = await rpc<string>(chain, "evm_snapshot");
    service.worker.start();
    await until(async () => (await batchRow(service, id)).state === "anchoring" && (await batchRow(service, id)).block_number !== null, "the anchoring block");
    const minedAt = (await batchRow(service, id)).block_number!;
    const root = (await batchRow(service, id)).root!;
    expect(await anchoredEvents(chain, root)).to.equal(1);
    // The block holding the anchoring transaction (depth 1 of 3) disappears. The worker is paused meanwhile: a
    // running one may notice the loss and get its transaction mined again before the test has looked.
    await service.worker.stop();
    expect(await rpc(chain, "evm_revert", [snapshot])).to.equal(true);
    expect(await rpc<string>(chain, "eth_blockNumber").then(Number)).to.be.lessThan(minedAt);
    expect(await anchoredEvents(chain, root)).to.equal(0);
    // New blocks arrive; the worker must notice the receipt is gone and get the transaction mined again.
    service.worker.start();
    const deadline = Date.now() + 60_000;
    while ((await batchRow(service, id)).state !== "published" && (await batchRow(service, id)).state !== "failed" && Date.now() < deadline) {
      await rpc(chain, "evm_mine");
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(await anchoredEvents(chain, root), "the root is on the canonical chain when the service says published").to.equal(1);
    expect(service.logs.some((l) => l.event === "batch.reorg")).to.equal(true);
    await expectAnchoredOnceAndVerifiable(chain, service, id);
    const receipt = await chain.provider.getTransactionReceipt((await batchRow(service, id)).tx_hash!);
    expect(receipt, "the confirmed transaction is on the canonical chain").to.not.equal(null);
    expect((await batchRow(service, id)).block_number).to.equal(receipt!.blockNumber);
  });

  describe("the service killed at each state of the batch state machine, then restarted", () => {
    // Killed after the raw transaction was persisted / after it was sent: test/issuer-service/exactlyOnce.test.ts.
    const points: [state: BatchState, next: BatchState][] = [
      ["validated", "built"],
      ["built", "signed"],
      ["signed", "anchoring"],
      ["anchoring", "confirmed"],
      ["confirmed", "published"],
    ];
    for (const [state, next] of points) {
      it(`killed in ${state}: restarted, the batch is confirmed exactly once and every released credential verifies`, async () => {
        const db = `kill-${state}`;
        const first = await start(chain, db, { worker: false });
        killBefore(first.ctx, next);
        const id = await upload(first, state.slice(0, 3).toUpperCase());
        first.worker.start();
        await until(() => first.worker.crashed !== null, "the injected kill");
        expect(first.worker.crashed).to.be.instanceOf(InjectedCrash);
        const atKill = await batchRow(first, id);
        expect(atKill.state).to.equal(state);
        await first.stop();
        running.splice(running.indexOf(first), 1);
        const anchoredBefore = atKill.root === null ? 0 : await anchoredEvents(chain, atKill.root);
        expect(anchoredBefore).to.equal(state === "anchoring" || state === "confirmed" ? 1 : 0);

        const second = await start(chain, db);
        await waitForPublished(second, id);
        const final = await batchRow(second, id);
        if (state === "anchoring" || state === "confirmed" || state === "signed") expect(final.root).to.equal(atKill.root);
        // A tree built before the kill but never signed is discarded; its root is never anchored.
        if (atKill.root !== null && atKill.root !== final.root) expect(await anchoredEvents(chain, atKill.root)).to.equal(0);
        await expectAnchoredOnceAndVerifiable(chain, second, id);
      });
    }
  });

  it("the content store (IPFS) is down: the batch still anchors and the manifest upload is retried until it succeeds", async () => {
    const store = createDirectoryStore(join(chain.dir, "flaky-content"), fs);
    let down = true;
    let attempts = 0;
    const flaky: ContentStore = {
      kind: "ipfs",
      async put(bytes) {
        attempts++;
        if (down) throw new Error("connect ECONNREFUSED 127.0.0.1:5001");
        return store.put(bytes);
      },
      async healthy() {
        return !down;
      },
    };
    const service = await start(chain, "content-down", { store: flaky });
    const id = await upload(service, "IPF");
    await waitForPublished(service, id);
    const cid = (await batchRow(service, id)).manifest_cid!;
    const pending = () => service.ctx.db.selectFrom("content").select(["uploaded", "attempts", "bytes"]).where("cid", "=", cid).executeTakeFirstOrThrow();
    await until(async () => (await pending()).attempts >= 2, "retried uploads");
    expect((await pending()).uploaded).to.equal(0);
    await expectAnchoredOnceAndVerifiable(chain, service, id);
    down = false;
    await until(async () => (await pending()).uploaded === 1, "the manifest upload");
    expect(attempts).to.be.greaterThan(2);
    const { bytes } = await pending();
    expect(contentId(new Uint8Array(bytes))).to.equal(cid);
    expect(await store.put(new Uint8Array(bytes))).to.equal(cid);
  });
});
