import { spawn } from "node:child_process";
import { join } from "node:path";
import { buildCli } from "./buildCli";

const BIN = join(__dirname, "..", "..", "cli", "bin.cjs");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let built = false;

/**
 * Runs the real `credanchor` command as a user would, in a child process. The first call in a process compiles the
 * CLI from its current sources (about a second), so tests never run a build older than the code they test.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  if (!built) {
    buildCli();
    built = true;
  }
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: cwd ?? join(__dirname, "..", ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI and fails loudly with its output when it does not exit 0. */
export async function runCliOrThrow(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const result = await runCli(args, env);
  if (result.code !== 0) {
    throw new Error(`credanchor ${args.join(" ")} exited ${result.code}\n${result.stderr}${result.stdout}`);
  }
  return result;
}
