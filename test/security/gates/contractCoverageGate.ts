/**
 * Gate on the solidity-coverage report of contracts/: reads the Istanbul `coverage.json` that
 * `npx hardhat coverage --testfiles 'test/contracts/**\/*.ts'` writes at the repository root and fails below 95 %
 * of lines or branches (per contract and overall). Lines are derived from statements as Istanbul does.
 *
 *   npx hardhat coverage --testfiles 'test/contracts/**\/*.ts' && npx tsx test/security/gates/contractCoverageGate.ts [--min 95]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

interface FileCoverage {
  statementMap: Record<string, { start: { line: number } }>;
  s: Record<string, number>;
  branchMap: Record<string, unknown>;
  b: Record<string, number[]>;
}

const ROOT = resolve(__dirname, "..", "..", "..");

/** `hardhat test` imports every file under test/: this script only runs when started directly. */
function main(): void {
  const args = process.argv.slice(2);
  const min = args.includes("--min") ? Number(args[args.indexOf("--min") + 1]) : 95;
  const report = JSON.parse(readFileSync(join(ROOT, "coverage.json"), "utf8")) as Record<string, FileCoverage>;

  let lines = 0;
  let linesHit = 0;
  let branches = 0;
  let branchesHit = 0;
  const failures: string[] = [];
  for (const [file, coverage] of Object.entries(report)) {
    const perLine = new Map<number, boolean>();
    for (const [id, statement] of Object.entries(coverage.statementMap)) {
      perLine.set(statement.start.line, (perLine.get(statement.start.line) ?? false) || (coverage.s[id] ?? 0) > 0);
    }
    const fileLines = perLine.size;
    const fileLinesHit = [...perLine.values()].filter(Boolean).length;
    const counts = Object.values(coverage.b).flat();
    const fileBranchesHit = counts.filter((c) => c > 0).length;
    lines += fileLines;
    linesHit += fileLinesHit;
    branches += counts.length;
    branchesHit += fileBranchesHit;
    const linePercent = fileLines === 0 ? 100 : (100 * fileLinesHit) / fileLines;
    const branchPercent = counts.length === 0 ? 100 : (100 * fileBranchesHit) / counts.length;
    process.stdout.write(`${file.replace(`${ROOT}/`, "").padEnd(48)} lines ${linePercent.toFixed(1).padStart(5)} %  branches ${branchPercent.toFixed(1).padStart(5)} %\n`);
    if (linePercent < min || branchPercent < min) failures.push(file);
  }
  const linePercent = lines === 0 ? 0 : (100 * linesHit) / lines;
  const branchPercent = branches === 0 ? 100 : (100 * branchesHit) / branches;
  process.stdout.write(`${"contracts/ overall".padEnd(48)} lines ${linePercent.toFixed(1).padStart(5)} %  branches ${branchPercent.toFixed(1).padStart(5)} %\n`);
  if (lines === 0 || linePercent < min || branchPercent < min || failures.length > 0) {
    process.stderr.write(`contract coverage below ${min} %: ${failures.join(", ") || "overall"}\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
