/**
 * The issuer service as a real child process (issuer-service/server.ts), killed with SIGKILL — no cleanup, no
 * finally, no flushing — at three moments the test holds it in through the JSON-RPC proxy and the node, and started
 * again over the same database (SQLite file or PostgreSQL database): while building (registry read hanging), with the anchoring transaction sent but
 * its answer never delivered, and while counting confirmations. The batch must end published, anchored once, with
 * every released credential VALID.
 */
import { expect } from "chai";
import { join } from "node:path";
import { openDatabase, type Db } from "../../issuer-service/db/openDatabase";
import type { BatchRow } from "../../issuer-service/db/schema";
import { anchoredEvents, describeEachEngine, graduatesCsv, startChain, startService, type Chain } from "../issuer-service/harness";
import { expectAnchoredOnceAndVerifiable, rpc, until, waitForPublished } from "./helpers";
import { startRpcProxy, type RpcProxy } from "./rpcProxy";
import { spawnIssuerService, type IssuerProcess } from "./spawnIssuerService";

describeEachEngine("faults: the issuer service process killed with SIGKILL", function () {
  this.timeout(240_000);
  let chain: Chain;
  let proxy: RpcProxy;
  let child: IssuerProcess | null = null;
  /** The service's database as the test reads it, beside the child process. */
  let observer: Db | null = null;
  let databaseUrl: string | undefined;

  before(async () => {
    chain = await startChain();
    proxy = await startRpcProxy(chain.chain.url);
  });
  after(async () => {
    await child?.kill();
    await observer?.destroy();
    await proxy?.close();
    await chain?.stop();
  });

  const DB = "sigkill";
  const paths = () => ({
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ISSUER_DB: join(chain.dir, `${DB}.sqlite`),
    ISSUER_KEY_DIR: join(chain.dir, `${DB}-keys`),
    ISSUER_CONTENT_DIR: join(chain.dir, `${DB}-content`),
  });

  /** Starts server.ts in its own process over the suite's database and the proxy. */
  async function spawnService(confirmations: number): Promise<string> {
    child = await spawnIssuerService({
      ...paths(),
      CREDANCHOR_RPC: proxy.url,
      CREDANCHOR_DEPLOYMENT: chain.deploymentPath,
      ISSUER_CONFIRMATIONS: String(confirmations),
      ISSUER_WORKER_INTERVAL_MS: "50",
      // The restarted process is a new instance: it takes the dead one's worker lease over once it expired.
      ISSUER_LEASE_MS: "1000",
    });
    return child.url;
  }

  async function sigkill(): Promise<void> {
    await child!.kill();
    child = null;
  }

  function readBatch(id: string): Promise<BatchRow> {
    return observer!.selectFrom("batches").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  }

  it("at three points of the state machine: the batch ends confirmed exactly once and every released credential verifies", async () => {
    // Keys and an API key, written by an in-process start that is stopped again at once.
    const setup = await startService(chain, DB, { worker: false });
    const key = setup.keys.harbour;
    databaseUrl = setup.config.databaseUrl;
    await setup.stop();
    observer = await openDatabase({ url: databaseUrl, sqlitePath: paths().ISSUER_DB, poolSize: 2, onIdleError: () => undefined });

    // 1. Killed while building: every eth_call (the registry lookup of the issuer) hangs.
    proxy.rules.splice(0, proxy.rules.length, { method: "eth_call", hang: true });
    let url = await spawnService(1);
    const upload = await fetch(`${url}/api/v1/batches`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" }, body: graduatesCsv("SIG", 4) });
    expect(upload.status).to.equal(202);
    const { id } = (await upload.json()) as { id: string };
    await until(() => (proxy.seen.get("eth_call") ?? 0) > 0, "the hanging registry read");
    await sigkill();
    expect((await readBatch(id)).state).to.equal("validated");

    // 2. Killed with the anchoring transaction sent (the node mines it) but its answer never delivered.
    proxy.rules.splice(0, proxy.rules.length, { method: "eth_sendRawTransaction", hang: true });
    url = await spawnService(1);
    await until(async () => (await readBatch(id)).state === "anchoring" && (proxy.seen.get("eth_sendRawTransaction") ?? 0) > 0, "the transaction in flight");
    const root = (await readBatch(id)).root!;
    await until(async () => (await anchoredEvents(chain, root)) === 1, "the transaction mined");
    await sigkill();
    expect((await readBatch(id)).state).to.equal("anchoring");

    // 3. Killed while counting confirmations (3 needed, no new blocks arrive).
    proxy.rules.splice(0, proxy.rules.length);
    url = await spawnService(3);
    await until(async () => (await readBatch(id)).block_number !== null, "the receipt recorded");
    await sigkill();
    expect(await readBatch(id)).to.include({ state: "anchoring", root });

    // Restarted for good; blocks arrive.
    url = await spawnService(3);
    await until(
      async () => {
        await rpc(chain, "evm_mine");
        const { state } = await readBatch(id);
        return state === "published" || state === "failed";
      },
      "publication",
      60_000,
    );
    await child!.stop();
    child = null;
    expect(url).to.match(/^http:/);

    const after = await startService(chain, DB, { worker: false });
    try {
      await waitForPublished(after, id);
      expect((await readBatch(id)).root).to.equal(root);
      await expectAnchoredOnceAndVerifiable(chain, after, id);
    } finally {
      await after.stop();
    }
  });
});
