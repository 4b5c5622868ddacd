/**
 * Mocha's spec reporter that also writes how long each test file took, as `{ "test/…": seconds }`, to the file named
 * by TEST_DURATIONS_FILE. `npm test -- --record-durations` (scripts/run-tests.ts) merges the shards' files into
 * test/durations.json, by which the next runs deal files to shards.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import type * as MochaModule from "mocha";

// The mocha Hardhat runs (its own copy), whose runner this reporter listens to.
const Mocha = createRequire(require.resolve("hardhat/package.json"))("mocha") as typeof MochaModule;
const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_RUN_END } = Mocha.Runner.constants;

class DurationsReporter extends Mocha.reporters.Spec {
  constructor(runner: MochaModule.Runner, options: MochaModule.MochaOptions) {
    super(runner, options);
    const target = process.env.TEST_DURATIONS_FILE;
    const started = new Map<MochaModule.Suite, number>();
    const seconds: Record<string, number> = {};
    // A file's top-level suites, timed from their first hook to their last.
    runner.on(EVENT_SUITE_BEGIN, (suite: MochaModule.Suite) => {
      if (suite.file !== undefined && suite.parent?.root === true) started.set(suite, performance.now());
    });
    runner.on(EVENT_SUITE_END, (suite: MochaModule.Suite) => {
      const begun = started.get(suite);
      if (begun === undefined || suite.file === undefined) return;
      const file = relative(process.cwd(), suite.file);
      seconds[file] = Math.round(((seconds[file] ?? 0) + (performance.now() - begun) / 1000) * 10) / 10;
    });
    runner.once(EVENT_RUN_END, () => {
      if (target !== undefined) writeFileSync(target, `${JSON.stringify(seconds, null, 1)}\n`);
    });
  }
}

export = DurationsReporter;
