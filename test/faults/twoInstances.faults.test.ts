/**
 * Two issuer-service processes on one PostgreSQL database, as production runs them behind a proxy. Only one holds
 * the anchoring worker's lease; it is killed with SIGKILL while it builds, while its anchoring transaction is in
 * flight, and while it counts confirmations, and the other instance must take the batch over: every batch anchored
 * exactly once, every credential VALID. Then the database server itself restarts in the middle of a batch.
 */
import { expect } from "chai";
import { join } from "node:path";
import { hostname } from "node:os";
import { openDatabase, type Db } from "../../issuer-service/db/openDatabase";
import { anchoredEvents, graduatesCsv, startChain, startService, type Chain, type Service } from "../issuer-service/harness";
import { testPostgres } from "../lib/testPostgres";
import { expectAnchoredOnceAndVerifiable, rpc, until, waitForPublished } from "./helpers";
import { startRpcProxy, type RpcProxy } from "./rpcProxy";
import { spawnIssuerService, type IssuerProcess } from "./spawnIssuerService";

const DB = "two-instances";

describe("faults: two service instances on one PostgreSQL, the worker's holder killed", function () {
  this.timeout(300_000);
  let chain: Chain;
  /** The RPC path of the instance that will be killed, where its calls are held up. */
  let victimProxy: RpcProxy;
  let setup: Service;
  let observer: Db;
  let key: string;
  const running: IssuerProcess[] = [];

  before(async () => {
    chain = await startChain();
    victimProxy = await startRpcProxy(chain.chain.url);
    // Keys, universities and an API key, written once by an in-process start over the shared database.
    setup = await startService(chain, DB, { worker: false, engine: "postgres" });
    key = setup.keys.harbour;
    observer = await openDatabase({ url: setup.config.databaseUrl, sqlitePath: "", poolSize: 2, onIdleError: () => undefined });
  });
  afterEach(async () => {
    for (const instance of running.splice(0)) await instance.kill();
    victimProxy.rules.splice(0);
  });
  after(async () => {
    await observer?.destroy();
    await setup?.stop();
    await victimProxy?.close();
    await chain?.stop();
  });

  function instance(rpcUrl: string, confirmations: number): Promise<IssuerProcess> {
    return spawnIssuerService({
      DATABASE_URL: setup.config.databaseUrl,
      ISSUER_KEY_DIR: setup.config.keyDir,
      ISSUER_CONTENT_DIR: join(chain.dir, `${DB}-content`),
      CREDANCHOR_RPC: rpcUrl,
      CREDANCHOR_DEPLOYMENT: chain.deploymentPath,
      ISSUER_CONFIRMATIONS: String(confirmations),
      ISSUER_WORKER_INTERVAL_MS: "50",
      ISSUER_LEASE_MS: "1000",
    }).then((started) => {
      running.push(started);
      return started;
    });
  }

  const leaseHolder = async () =>
    (await observer.selectFrom("leases").select("holder").where("name", "=", "anchor-worker").executeTakeFirst())?.holder ?? null;
  const holds = (process: IssuerProcess) => async () => (await leaseHolder())?.startsWith(`${hostname()}:${process.process.pid}:`) === true;
  const readBatch = (id: string) => observer.selectFrom("batches").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  /** The victim starts first and takes the worker lease; the survivor starts beside it and waits. */
  async function twoInstances(confirmations: number): Promise<{ victim: IssuerProcess; survivor: IssuerProcess }> {
    const victim = await instance(victimProxy.url, confirmations);
    await until(holds(victim), "the first instance holding the worker lease");
    const survivor = await instance(chain.chain.url, confirmations);
    return { victim, survivor };
  }

  async function uploadTo(process: IssuerProcess, prefix: string): Promise<string> {
    const response = await fetch(`${process.url}/api/v1/batches`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
      body: graduatesCsv(prefix, 4),
    });
    expect(response.status).to.equal(202);
    return ((await response.json()) as { id: string }).id;
  }

  /** Mines until the batch is published, then checks it through an in-process service: anchored once, all VALID. */
  async function published(id: string): Promise<void> {
    await until(
      async () => {
        const { state } = await readBatch(id);
        if (state === "anchoring") await rpc(chain, "evm_mine");
        return state === "published" || state === "failed";
      },
      "the batch published",
      120_000,
    );
    await waitForPublished(setup, id);
    await expectAnchoredOnceAndVerifiable(chain, setup, id);
  }

  it("killed while building: the other instance builds, anchors once and publishes", async () => {
    victimProxy.rules.push({ method: "eth_call", hang: true });
    const { victim, survivor } = await twoInstances(1);
    const id = await uploadTo(survivor, "TIB");
    await until(() => (victimProxy.seen.get("eth_call") ?? 0) > 0, "the victim's hanging registry read");
    expect((await readBatch(id)).state).to.equal("validated");
    await victim.kill();
    await until(holds(survivor), "the survivor taking the worker lease over");
    await published(id);
  });

  it("killed with its anchoring transaction in flight: the other instance finds it mined and never sends a second", async () => {
    victimProxy.rules.push({ method: "eth_sendRawTransaction", hang: true });
    const { victim, survivor } = await twoInstances(1);
    const id = await uploadTo(victim, "TIT");
    await until(async () => (await readBatch(id)).state === "anchoring" && (victimProxy.seen.get("eth_sendRawTransaction") ?? 0) > 0, "the transaction in flight");
    const { root } = await readBatch(id);
    await until(async () => (await anchoredEvents(chain, root!)) === 1, "the transaction mined");
    await victim.kill();
    await until(holds(survivor), "the survivor taking the worker lease over");
    await published(id);
    expect((await readBatch(id)).root).to.equal(root);
  });

  it("killed while counting confirmations: the other instance counts on and publishes", async () => {
    const { victim, survivor } = await twoInstances(3);
    const id = await uploadTo(survivor, "TIC");
    await until(async () => (await readBatch(id)).block_number !== null, "the receipt recorded");
    const { root } = await readBatch(id);
    await victim.kill();
    expect((await readBatch(id)).state).to.equal("anchoring");
    await until(holds(survivor), "the survivor taking the worker lease over");
    await published(id);
    expect(await anchoredEvents(chain, root!)).to.equal(1);
  });

  it("the database server restarts mid-batch: both instances ride it out and the batch is anchored once", async () => {
    const { victim: holder, survivor } = await twoInstances(3);
    const id = await uploadTo(survivor, "TDR");
    await until(async () => (await readBatch(id)).block_number !== null, "the receipt recorded");
    await (await testPostgres()).restart("immediate");
    // Requests during and after the restart: a clear 503 while it is down, answers again once it is back.
    const answer = () => fetch(`${survivor.url}/api/v1/batches/${id}`, { headers: { authorization: `Bearer ${key}` } });
    await until(async () => (await answer().catch((error: unknown) => Promise.reject(new Error(`${String(error)}\n${survivor.logTail()}`)))).status === 200, "the API answering again");
    await published(id);
    // Both processes lived through the restart: the holder kept its lease, nobody crashed.
    expect(holder.process.exitCode).to.equal(null);
    expect(survivor.process.exitCode).to.equal(null);
  });
});
