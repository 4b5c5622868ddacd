/**
 * The issuer service as a real child process (issuer-service/server.ts), killed with SIGKILL — no cleanup, no
 * finally, no flushing — at three moments the test holds it in through the JSON-RPC proxy and the node, and started
 * again over the same SQLite file: while building (registry read hanging), with the anchoring transaction sent but
 * its answer never delivered, and while counting confirmations. The batch must end published, anchored once, with
 * every released credential VALID.
 */
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { BatchRow } from "../../issuer-service/domain/BatchView";
import { anchoredEvents, graduatesCsv, startChain, startService, type Chain } from "../issuer-service/harness";
import { expectAnchoredOnceAndVerifiable, rpc, until, waitForPublished } from "./helpers";
import { startRpcProxy, type RpcProxy } from "./rpcProxy";

const ROOT = join(__dirname, "..", "..");

describe("faults: the issuer service process killed with SIGKILL", function () {
  this.timeout(240_000);
  let chain: Chain;
  let proxy: RpcProxy;
  let child: ChildProcess | null = null;

  before(async () => {
    chain = await startChain();
    proxy = await startRpcProxy(chain.chain.url);
  });
  after(async () => {
    child?.kill("SIGKILL");
    await proxy?.close();
    await chain?.stop();
  });

  const DB = "sigkill";
  const paths = () => ({
    ISSUER_DB: join(chain.dir, `${DB}.sqlite`),
    ISSUER_KEY_DIR: join(chain.dir, `${DB}-keys`),
    ISSUER_CONTENT_DIR: join(chain.dir, `${DB}-content`),
  });

  /** Starts server.ts in its own process and resolves with its URL once it listens. */
  function spawnService(confirmations: number): Promise<string> {
    const env = {
      ...process.env,
      ...paths(),
      CREDANCHOR_RPC: proxy.url,
      CREDANCHOR_DEPLOYMENT: chain.deploymentPath,
      ISSUER_PORT: "0",
      ISSUER_CONFIRMATIONS: String(confirmations),
      ISSUER_WORKER_INTERVAL_MS: "50",
    };
    const process_ = spawn(process.execPath, ["--require", "tsx/cjs", join(ROOT, "issuer-service", "server.ts")], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    child = process_;
    return new Promise((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 60_000);
      process_.stderr!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const url = /"event":"listening","url":"([^"]+)"/.exec(output)?.[1];
        if (url !== undefined) {
          clearTimeout(timer);
          resolve(url);
        }
      });
      process_.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`service exited ${code}:\n${output}`));
      });
    });
  }

  async function sigkill(): Promise<void> {
    const victim = child!;
    victim.removeAllListeners("exit");
    const exited = new Promise((resolve) => victim.once("exit", resolve));
    victim.kill("SIGKILL");
    await exited;
    child = null;
  }

  function readBatch(id: string): BatchRow {
    const db = new Database(paths().ISSUER_DB, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT * FROM batches WHERE id = ?").get(id) as BatchRow;
    } finally {
      db.close();
    }
  }

  it("at three points of the state machine: the batch ends confirmed exactly once and every released credential verifies", async () => {
    // Keys and an API key, written by an in-process start that is stopped again at once.
    const setup = startService(chain, DB, { worker: false });
    const key = setup.keys.harbour;
    await setup.stop();

    // 1. Killed while building: every eth_call (the registry lookup of the issuer) hangs.
    proxy.rules.splice(0, proxy.rules.length, { method: "eth_call", hang: true });
    let url = await spawnService(1);
    const upload = await fetch(`${url}/api/v1/batches`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" }, body: graduatesCsv("SIG", 4) });
    expect(upload.status).to.equal(202);
    const { id } = (await upload.json()) as { id: string };
    await until(() => (proxy.seen.get("eth_call") ?? 0) > 0, "the hanging registry read");
    await sigkill();
    expect(readBatch(id).state).to.equal("validated");

    // 2. Killed with the anchoring transaction sent (the node mines it) but its answer never delivered.
    proxy.rules.splice(0, proxy.rules.length, { method: "eth_sendRawTransaction", hang: true });
    url = await spawnService(1);
    await until(() => readBatch(id).state === "anchoring" && (proxy.seen.get("eth_sendRawTransaction") ?? 0) > 0, "the transaction in flight");
    const root = readBatch(id).root!;
    await until(async () => (await anchoredEvents(chain, root)) === 1, "the transaction mined");
    await sigkill();
    expect(readBatch(id).state).to.equal("anchoring");

    // 3. Killed while counting confirmations (3 needed, no new blocks arrive).
    proxy.rules.splice(0, proxy.rules.length);
    url = await spawnService(3);
    await until(() => readBatch(id).block_number !== null, "the receipt recorded");
    await sigkill();
    expect(readBatch(id)).to.include({ state: "anchoring", root });

    // Restarted for good; blocks arrive.
    url = await spawnService(3);
    await until(
      async () => {
        await rpc(chain, "evm_mine");
        return readBatch(id).state === "published" || readBatch(id).state === "failed";
      },
      "publication",
      60_000,
    );
    child!.kill("SIGTERM");
    await new Promise((resolve) => child!.once("exit", resolve));
    child = null;
    expect(url).to.match(/^http:/);

    const after = startService(chain, DB, { worker: false });
    try {
      await waitForPublished(after, id);
      expect(readBatch(id).root).to.equal(root);
      await expectAnchoredOnceAndVerifiable(chain, after, id);
    } finally {
      await after.stop();
    }
  });
});
