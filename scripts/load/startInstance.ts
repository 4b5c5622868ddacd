import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { StartOptions } from "../../issuer-service/server";
import { LoadError } from "./LoadError";

const ROOT = join(__dirname, "..", "..");
const START_TIMEOUT_MS = 180_000;

export interface RunningInstance {
  url: string;
  /** One admin API key per university, created by this instance in the shared database. */
  apiKeys: Record<string, string>;
  /** SIGTERM: the instance stops taking requests, lets its worker finish its step and closes its database. */
  stop(): Promise<void>;
}

/**
 * Starts scripts/load/serveInstance.ts in a child process (its log goes to `logFile`) and resolves once it listens.
 */
export async function startInstance(options: StartOptions, logFile: string): Promise<RunningInstance> {
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--require", "tsx/cjs", join(__dirname, "serveInstance.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOAD_INSTANCE: JSON.stringify(options) },
    stdio: ["ignore", "pipe", log],
  });
  closeSync(log);
  const exited = once(child, "exit");
  const failed = (why: string) =>
    new LoadError(`issuer service instance ${why}`, { code: "LOAD_INSTANCE_FAILED", details: readFileSync(logFile, "utf8").slice(-3000) });
  // An instance must not outlive the load run, however that ends.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const timer = setTimeout(() => child.kill("SIGKILL"), START_TIMEOUT_MS);
  try {
    const ready = once(createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }), "line") as Promise<[string]>;
    const first = await Promise.race([ready, exited.then(() => null)]);
    if (first === null) throw failed(`exited before listening (${child.signalCode ?? child.exitCode})`);
    const { url, apiKeys } = JSON.parse(first[0]) as { url: string; apiKeys: Record<string, string> };
    return {
      url,
      apiKeys,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        await exited;
        process.removeListener("exit", killOnExit);
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
