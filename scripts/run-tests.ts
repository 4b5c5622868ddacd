/**
 * `npm test`: every suite under test/, split into shards that run side by side, each its own `hardhat test` process.
 *
 * Most of the suite waits — for a local chain to mine, a child service to start, Chromium to paint — so one mocha
 * process leaves the machine's second core mostly idle. Each shard is an ordinary sequential mocha run with its own
 * chains, PostgreSQL cluster and browser, exactly as the whole suite ran before, so no suite has to know about the
 * others. Files are dealt to shards by their recorded duration (test/durations.json, longest first onto the shard
 * with the least work); a file not recorded yet counts as the median.
 *
 * TEST_SHARDS sets the number of shards (default 2, 1 runs the plain sequential suite). Arguments are test files, to
 * run a subset the same way; `--record-durations` rewrites test/durations.json from this run when every shard passes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";

const ROOT = join(__dirname, "..");
const TEST_DIR = join(ROOT, "test");
const HARDHAT = join(ROOT, "node_modules", ".bin", "hardhat");
/** Hardhat's test task loads every file of these types under test/ (helpers define no tests and cost nothing). */
const TEST_FILE = /\.(ts|js|cjs|mjs)$/;
const DURATIONS = join(TEST_DIR, "durations.json");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return TEST_FILE.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

function recordedDurations(): Record<string, number> {
  return JSON.parse(readFileSync(DURATIONS, "utf8")) as Record<string, number>;
}

/** Longest first onto the least-loaded shard: within a few percent of the best split for a suite like ours. */
export function dealFiles(files: readonly string[], durations: Readonly<Record<string, number>>, shards: number): string[][] {
  const known = Object.values(durations).sort((a, b) => a - b);
  const median = known.length === 0 ? 1 : (known[Math.floor(known.length / 2)] as number);
  const weight = (file: string) => durations[file] ?? median;
  const dealt = Array.from({ length: shards }, () => ({ files: [] as string[], load: 0 }));
  for (const file of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = dealt.reduce((best, shard) => (shard.load < best.load ? shard : best));
    lightest.files.push(file);
    lightest.load += weight(file);
  }
  return dealt.map((shard) => shard.files.sort()).filter((shardFiles) => shardFiles.length > 0);
}

/** Runs Hardhat with its output line by line under `label`; resolves to its exit code. */
function runHardhat(args: readonly string[], label: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(HARDHAT, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => console.log(`${label} ${line}`));
  }
  return new Promise((resolveCode) => {
    child.on("error", (error) => {
      console.error(`${label} could not start: ${error.message}`);
      resolveCode(1);
    });
    child.on("close", (code, signal) => resolveCode(code ?? (signal === null ? 1 : 128)));
  });
}

async function main(): Promise<number> {
  const shards = Number(process.env.TEST_SHARDS ?? 2);
  if (!Number.isInteger(shards) || shards < 1 || shards > 8) {
    console.error(`TEST_SHARDS must be a whole number from 1 to 8, not "${process.env.TEST_SHARDS}"`);
    return 2;
  }
  const args = process.argv.slice(2);
  const record = args.includes("--record-durations");
  const named = args.filter((arg) => arg !== "--record-durations");
  const files = named.length > 0 ? named : testFiles(TEST_DIR);
  // Compiled once here: shards compiling side by side would race on artifacts/.
  if ((await runHardhat(["compile", "--quiet"], "[compile]")) !== 0) return 1;
  const dealt = dealFiles(files, recordedDurations(), shards);
  const started = Date.now();
  const recordDir = record ? mkdtempSync(join(tmpdir(), "test-durations-")) : undefined;
  const shardEnv = (index: number) => (recordDir === undefined ? process.env : { ...process.env, TEST_DURATIONS_FILE: join(recordDir, `${index}.json`) });
  const codes = await Promise.all(dealt.map((shardFiles, index) => runHardhat(["test", "--no-compile", ...shardFiles], `[${index + 1}/${dealt.length}]`, shardEnv(index))));
  const failed = codes.flatMap((code, index) => (code === 0 ? [] : [`shard ${index + 1} exited ${code}`]));
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(failed.length === 0 ? `All ${dealt.length} shards passed in ${minutes} min.` : `Failed after ${minutes} min: ${failed.join(", ")}.`);
  if (recordDir !== undefined && failed.length === 0) {
    // A run of named files keeps the other files' recorded durations; a whole run replaces them all.
    const merged: Record<string, number> = named.length > 0 ? { ...recordedDurations() } : {};
    for (const index of dealt.keys()) Object.assign(merged, JSON.parse(readFileSync(join(recordDir, `${index}.json`), "utf8")));
    const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(DURATIONS, `${JSON.stringify(sorted, null, 1)}\n`);
    console.log(`Recorded the durations of ${Object.keys(sorted).length} files in test/durations.json.`);
  }
  if (recordDir !== undefined) rmSync(recordDir, { recursive: true, force: true });
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
