import { expect } from "chai";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Client } from "pg";
import { isPortFree } from "../../../scripts/lib/localChain";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../../scripts/lib/throwawayPostgres";
import { testDatabaseUrl } from "../../lib/testPostgres";

const ROOT = join(__dirname, "..", "..", "..");

async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

/**
 * Runs a Node process that starts a cluster, prints its port and data directory and never stops it; the process then
 * ends on its own (`"runs out of work"`) or by SIGTERM while its event loop is still busy. Resolves with what it
 * printed once the process is gone.
 */
async function clusterOfEndedProcess(ending: "runs out of work" | "SIGTERM"): Promise<{ port: number; dataDir: string }> {
  const code = `require(${JSON.stringify(join(ROOT, "scripts/lib/throwawayPostgres.ts"))}).startThrowawayPostgres().then((cluster) => {
    console.log(JSON.stringify({ port: cluster.port, dataDir: cluster.dataDir }));
    ${ending === "SIGTERM" ? "setInterval(() => undefined, 1000);" : ""}
  });`;
  const child = spawn(process.execPath, ["--require", "tsx/cjs", "-e", code], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const printed = JSON.parse(line) as { port: number; dataDir: string };
  if (ending === "SIGTERM") {
    expect(await isPortFree(printed.port)).to.equal(false);
    child.kill("SIGTERM");
  }
  const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect(signal).to.equal(ending === "SIGTERM" ? "SIGTERM" : null);
  return printed;
}

describe("startThrowawayPostgres (a PostgreSQL cluster per test run)", function () {
  this.timeout(120_000);
  let cluster: ThrowawayPostgres;

  before(async () => {
    cluster = await startThrowawayPostgres();
  });
  after(async () => {
    await cluster?.stop();
  });

  it("accepts connections as postgres on its loopback port, with fsync off", async () => {
    const [settings] = await query<{ listen: string; fsync: string; commit: string }>(
      cluster.url,
      "SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit",
    );
    expect(settings).to.deep.equal({ listen: "127.0.0.1", fsync: "off", commit: "on" });
    expect(cluster.url).to.equal(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
  });

  it("creates databases that are empty and independent of each other", async () => {
    const first = await cluster.createDatabase();
    const second = await cluster.createDatabase();
    expect(first).to.not.equal(second);
    await query(first, "CREATE TABLE marks (value int); INSERT INTO marks VALUES (1)");
    expect(await query(first, "SELECT value FROM marks")).to.deep.equal([{ value: 1 }]);
    const [other] = await query<{ table: string | null }>(second, "SELECT to_regclass('marks')::text AS table");
    expect(other).to.deep.equal({ table: null });
  });

  for (const mode of ["fast", "immediate"] as const) {
    it(`restarts (${mode}) on the same port and data directory, keeping every committed row`, async () => {
      const url = await cluster.createDatabase();
      await query(url, "CREATE TABLE marks (value int); INSERT INTO marks SELECT generate_series(1, 1000)");
      const held = new Client({ connectionString: url });
      held.on("error", () => undefined);
      await held.connect();
      await cluster.restart(mode);
      expect(await query(url, "SELECT count(*)::int AS count FROM marks")).to.deep.equal([{ count: 1000 }]);
      // A connection from before the restart is broken, as a client of a restarted server would find it.
      let failure: unknown;
      await held.query("SELECT 1").catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(Error);
      await held.end().catch(() => undefined);
    });
  }

  it("stop() shuts the server down, frees its port and removes its files", async () => {
    const own = await startThrowawayPostgres();
    expect(await isPortFree(own.port)).to.equal(false);
    await own.stop();
    expect(await isPortFree(own.port)).to.equal(true);
    expect(existsSync(own.dataDir)).to.equal(false);
  });

  it("kill() does the same synchronously", async () => {
    const own = await startThrowawayPostgres();
    own.kill();
    expect(await isPortFree(own.port)).to.equal(true);
    expect(existsSync(own.dataDir)).to.equal(false);
  });

  for (const ending of ["runs out of work", "SIGTERM"] as const) {
    it(`leaves no cluster behind when its process ends (${ending}) without stopping it`, async () => {
      const { port, dataDir } = await clusterOfEndedProcess(ending);
      expect(await isPortFree(port)).to.equal(true);
      expect(existsSync(dataDir)).to.equal(false);
    });
  }
});

describe("testDatabaseUrl (one shared cluster per mocha process)", function () {
  this.timeout(120_000);

  it("gives a new empty database on the same cluster each call", async () => {
    const first = new URL(await testDatabaseUrl());
    const second = new URL(await testDatabaseUrl());
    expect(second.host).to.equal(first.host);
    expect(second.pathname).to.not.equal(first.pathname);
    expect(await query(second.href, "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'")).to.deep.equal([{ count: 0 }]);
  });
});
