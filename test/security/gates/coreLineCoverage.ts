/**
 * Line coverage of core/ without c8 (not installed): runs mocha under NODE_V8_COVERAGE with source maps enabled,
 * then maps V8's block coverage of the code tsx generated back to the TypeScript lines through the source maps Node
 * records in the coverage files. A source line counts when at least one generated segment maps to it; it is covered
 * when one of those segments ran (the innermost V8 range around it has a count above 0). Processes are merged
 * (child processes such as the CLI write their own files). A core file no test loads counts as 0 % (unless it
 * only declares types). Exits 1 below the threshold.
 *
 *   npx tsx test/security/gates/coreLineCoverage.ts [--min 90] [mocha test globs…]
 *   default globs: test/core/**\/*.test.ts test/security/**\/*.test.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(__dirname, "..", "..", "..");
const CORE = join(ROOT, "core");

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}
interface CoverageFile {
  result: ScriptCoverage[];
  "source-map-cache"?: Record<string, { lineLengths: number[]; data: import("@jridgewell/trace-mapping").SourceMapInput }>;
}

function countAt(ranges: Range[], offset: number): number {
  // V8 lists a function's ranges outermost first; the innermost (smallest) range containing the offset decides.
  let best: Range | undefined;
  for (const range of ranges) {
    if (range.startOffset <= offset && offset < range.endOffset && (best === undefined || range.endOffset - range.startOffset <= best.endOffset - best.startOffset)) best = range;
  }
  return best?.count ?? 0;
}

async function main(): Promise<void> {
  // Loaded here, not at the top: `hardhat test` imports every file under test/, and this is a script, not a test.
  const { TraceMap, eachMapping } = await import("@jridgewell/trace-mapping");
  const { default: ts } = await import("typescript");
  const args = process.argv.slice(2);
  const minIndex = args.indexOf("--min");
  const min = minIndex === -1 ? 90 : Number(args[minIndex + 1]);
  const globs = minIndex === -1 ? args : args.filter((_, i) => i !== minIndex && i !== minIndex + 1);
  const tests = globs.length > 0 ? globs : ["test/core/**/*.test.ts", "test/security/**/*.test.ts"];
  const dir = mkdtempSync(join(tmpdir(), "core-coverage-"));
  try {
    // The timeout of `hardhat test` (hardhat.config.ts): suites start Hardhat nodes, and a busy machine is slow.
    // --exit: a suite that fails in a hook leaves its node running, which must not keep CI waiting.
    const run = spawnSync("npx", ["mocha", "--require", "tsx/cjs", "--timeout", "120000", "--exit", ...tests], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_V8_COVERAGE: dir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --enable-source-maps`.trim() },
    });
    if (run.status !== 0) {
      process.stderr.write(`mocha exited ${run.status}; coverage not measured\n`);
      process.exit(run.status ?? 1);
    }

    /** file → line → covered? (true wins across segments and processes) */
    const lines = new Map<string, Map<number, boolean>>();
    for (const name of readdirSync(dir)) {
      const data = JSON.parse(readFileSync(join(dir, name), "utf8")) as CoverageFile;
      for (const script of data.result) {
        if (!script.url.startsWith("file://")) continue;
        const path = fileURLToPath(script.url);
        if (!path.startsWith(`${CORE}/`) || path.includes("/generated/") || !path.endsWith(".ts")) continue;
        const cached = data["source-map-cache"]?.[script.url];
        if (cached === undefined) continue;
        const starts = [0];
        for (const length of cached.lineLengths) starts.push(starts[starts.length - 1]! + length + 1);
        const ranges = script.functions.flatMap((f) => f.ranges);
        const fileLines = lines.get(path) ?? new Map<number, boolean>();
        lines.set(path, fileLines);
        eachMapping(new TraceMap(cached.data), (mapping) => {
          if (mapping.originalLine === null) return;
          const offset = starts[mapping.generatedLine - 1]! + mapping.generatedColumn;
          const covered = countAt(ranges, offset) > 0;
          fileLines.set(mapping.originalLine, (fileLines.get(mapping.originalLine) ?? false) || covered);
        });
      }
    }

    const all = readdirSync(CORE, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.includes("generated/") && !f.startsWith("node_modules"))
      .map((f) => join(CORE, f));
    let total = 0;
    let covered = 0;
    const rows: string[] = [];
    for (const path of all.sort()) {
      const fileLines = lines.get(path);
      if (fileLines === undefined) {
        // Never loaded: a type-only module (erased at compile time) does not count; anything else counts as 0 %,
        // with its non-blank, non-comment lines as the lines missed.
        const source = readFileSync(path, "utf8");
        const emitted = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, removeComments: true } }).outputText;
        const runtime = emitted.split("\n").filter((line) => !/^\s*$|^"use strict";$|^Object\.defineProperty\(exports, "__esModule"/.test(line));
        if (runtime.length === 0) continue;
        const missed = source.split("\n").filter((line) => !/^\s*($|\/\/|\/\*|\*)/.test(line)).length;
        total += missed;
        rows.push(`${relative(ROOT, path).padEnd(40)}    0.0 %  not loaded by any test (${missed} lines)`);
        continue;
      }
      const hit = [...fileLines.values()].filter(Boolean).length;
      total += fileLines.size;
      covered += hit;
      const missing = [...fileLines.entries()].filter(([, c]) => !c).map(([l]) => l).sort((a, b) => a - b);
      rows.push(`${relative(ROOT, path).padEnd(40)} ${((100 * hit) / fileLines.size).toFixed(1).padStart(6)} %  ${missing.length > 0 ? `uncovered: ${missing.join(",")}` : ""}`);
    }
    const percent = total === 0 ? 0 : (100 * covered) / total;
    process.stdout.write(`\ncore/ line coverage (V8 + source maps)\n${rows.join("\n")}\n${"All core/ files".padEnd(40)} ${percent.toFixed(2).padStart(6)} %  (${covered}/${total} lines)\n`);
    if (percent < min) {
      process.stderr.write(`core/ line coverage ${percent.toFixed(2)} % is below ${min} %\n`);
      process.exit(1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
