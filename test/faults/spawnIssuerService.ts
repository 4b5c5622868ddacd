import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

export interface IssuerProcess {
  url: string;
  process: ChildProcess;
  /** SIGKILL: no cleanup, no finally, no flushing, no lease given back. */
  kill(): Promise<void>;
  /** SIGTERM: the service's own shutdown (the worker finishes its step and hands its lease back). */
  stop(): Promise<void>;
  /** The last lines the process wrote to stderr (its JSON log), to explain a failure. */
  logTail(): string;
}

const LOG_TAIL_CHARS = 8000;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts issuer-service/server.ts in a process of its own with `env` (the service's environment variables) and
 * resolves once it logs that it listens.
 */
export function spawnIssuerService(env: NodeJS.ProcessEnv): Promise<IssuerProcess> {
  const child = spawn(process.execPath, ["--require", "tsx/cjs", join(ROOT, "issuer-service", "server.ts")], {
    cwd: ROOT,
    env: { ...process.env, ISSUER_PORT: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    let started = false;
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`service exited ${code}:\n${output}`));
    };
    child.once("exit", onExit);
    child.stderr!.on("data", (chunk: Buffer) => {
      // Always drained (a full pipe would block the service), and only the tail kept.
      output = (output + chunk.toString()).slice(-2 * LOG_TAIL_CHARS);
      const url = started ? undefined : /"event":"listening","url":"([^"]+)"/.exec(output)?.[1];
      if (url === undefined) return;
      started = true;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve({
        logTail: () => output.slice(-LOG_TAIL_CHARS),
        url,
        process: child,
        async kill() {
          child.kill("SIGKILL");
          await exited(child);
        },
        async stop() {
          child.kill("SIGTERM");
          await exited(child);
        },
      });
    });
  });
}
