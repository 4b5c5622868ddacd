import { spawn } from "node:child_process";
import { join } from "node:path";

const TSX = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");

/**
 * Runs one of the bench scripts (`scripts/<script>`) in a process of its own with `env` added, its progress passed
 * through to stderr, and returns the JSON object of its last stdout line. A child's memory and threads are its own,
 * and no two runs share the machine.
 */
export function runBenchChild<T>(script: string, env: Record<string, string>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(TSX, [join(__dirname, "..", script)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) reject(new Error(`${script} with ${JSON.stringify(env)} exited ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").at(-1) as string) as T);
    });
  });
}
