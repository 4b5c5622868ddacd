import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { freePort } from "./localChain";
import { ThrowawayPostgresError } from "./ThrowawayPostgresError";

const run = promisify(execFile);
const DEBIAN_SERVERS = "/usr/lib/postgresql";
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_S = "30";

export interface ThrowawayPostgres {
  /** postgres:// URL of the `postgres` database as the superuser `postgres` (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The cluster's data directory; gone once the cluster is stopped or killed. */
  dataDir: string;
  /** Creates an empty database with a random name and returns its postgres:// URL. */
  createDatabase(): Promise<string>;
  /**
   * Stops the server (`fast`: clients are disconnected and it shuts down cleanly; `immediate`: as if it crashed, so
   * it replays its WAL on start) and starts it again on the same port and data directory, resolving once it accepts
   * connections. Existing connections are broken; their URLs stay valid.
   */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** Shuts the server down and removes its files. */
  stop(): Promise<void>;
  /** The same, synchronously and without waiting for clients: what the process-exit hook runs. */
  kill(): void;
}

/** The newest Debian PostgreSQL server installed (scripts/ensure-test-tools.ts installs the `postgresql` package). */
function serverBinaries(): string {
  const versions = existsSync(DEBIAN_SERVERS) ? readdirSync(DEBIAN_SERVERS) : [];
  const installed = versions
    .filter((version) => existsSync(join(DEBIAN_SERVERS, version, "bin", "postgres")))
    .sort((a, b) => Number(b) - Number(a));
  if (installed[0] === undefined) {
    throw new ThrowawayPostgresError(`No PostgreSQL server under ${DEBIAN_SERVERS}: run npx tsx scripts/ensure-test-tools.ts as root`, {
      code: "PG_SERVER_MISSING",
    });
  }
  return join(DEBIAN_SERVERS, installed[0], "bin");
}

/** initdb, pg_ctl and postgres refuse to run as root: as root we run them as Debian's `postgres` user. */
function serverUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const live = new Set<ThrowawayPostgres>();
let exitHooked = false;

/** Kills every cluster of this process when it exits, or when a signal would end it, so none outlives it. */
function hookProcessExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => [...live].forEach((cluster) => cluster.kill());
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      killAll();
      process.removeListener(signal, onSignal);
      // Nobody else handles it: end the process as the signal would have without our listener.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/**
 * A PostgreSQL cluster of its own for tests and load runs: initdb into a fresh temp directory (trust authentication),
 * a free loopback port and a private socket directory, so parallel runs and a system PostgreSQL never collide.
 * Resolves once the server accepts connections. The cluster is killed and its directory removed when the process
 * exits, even if nobody calls stop().
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = serverBinaries();
  const asServerUser = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "credanchor-pg-"));
  if ("uid" in asServerUser) chownSync(dir, asServerUser.uid, asServerUser.gid);
  const dataDir = join(dir, "data");
  const logFile = join(dir, "server.log");
  const logTail = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-3000) : "");
  const serverTool = (tool: string, args: string[]) => run(join(bin, tool), args, { cwd: dir, ...asServerUser });

  try {
    await serverTool("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
  } catch (cause) {
    rmSync(dir, { recursive: true, force: true });
    throw new ThrowawayPostgresError(`initdb failed in ${dir}`, { code: "PG_INITDB_FAILED", cause });
  }

  const port = await freePort();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const url = urlOf("postgres");
  let server: ChildProcess | undefined;
  let serverExited: Promise<unknown> = Promise.resolve();

  const launch = async () => {
    const log = openSync(logFile, "a");
    const child = spawn(
      join(bin, "postgres"),
      [
        ...["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"],
        // A throwaway cluster never has to survive a power cut: without fsync the tests and load runs measure our
        // code, not this machine's disk flushes. Commits stay synchronous, so a crash of the server process itself
        // (kill, restart("immediate")) loses no committed row: each commit has written its WAL to the OS before it
        // returns. (With synchronous_commit=off a restart mid-batch would lose acknowledged commits.)
        ...["-c", "fsync=off", "-c", "full_page_writes=off"],
      ],
      { cwd: dir, stdio: ["ignore", log, log], ...asServerUser },
    );
    closeSync(log);
    // The server is ours to stop; it must not keep the Node event loop (and so a finished mocha run) alive.
    child.unref();
    server = child;
    serverExited = once(child, "exit");
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await acceptsConnections(url))) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        cluster.kill();
        throw new ThrowawayPostgresError(`PostgreSQL did not start on port ${port}`, { code: "PG_START_FAILED", details: logTail() });
      }
      await new Promise((resolveLater) => setTimeout(resolveLater, 100));
    }
  };

  const shutDown = async (mode: "fast" | "immediate") => {
    if (!server) return;
    await serverTool("pg_ctl", ["stop", "-D", dataDir, "-m", mode, "-w", "-t", STOP_TIMEOUT_S]);
    await serverExited;
    server = undefined;
  };

  const cluster: ThrowawayPostgres = {
    url,
    port,
    dataDir,
    async createDatabase() {
      const name = `credanchor_${randomBytes(8).toString("hex")}`;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    async restart(mode = "fast") {
      await shutDown(mode);
      await launch();
    },
    async stop() {
      await shutDown("fast");
      rmSync(dir, { recursive: true, force: true });
      live.delete(cluster);
    },
    kill() {
      if (server) {
        const stopped = spawnSync(join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", STOP_TIMEOUT_S], {
          cwd: dir,
          stdio: "ignore",
          ...asServerUser,
        });
        // pg_ctl cannot stop a server that has not yet written its pid file: kill the postmaster itself.
        if (stopped.status !== 0) server.kill("SIGKILL");
        server = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      live.delete(cluster);
    },
  };

  hookProcessExit();
  live.add(cluster);
  await launch();
  return cluster;
}
