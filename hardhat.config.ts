import { HardhatUserConfig, subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-chai-matchers";
import "solidity-coverage";
import { join } from "node:path";

const SOLC_VERSION = "0.8.28";

// Hardhat cannot download compilers on an offline machine; the npm `solc` package pinned to the
// same version provides the identical compiler as solc-js.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ""),
  };
});

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  },
  paths: { sources: "./contracts", tests: "./test", artifacts: "./artifacts", cache: "./cache" },
  mocha: {
    timeout: 120_000,
    // scripts/run-tests.ts --record-durations: each shard writes its files' durations (test/lib/durationsReporter.ts).
    ...(process.env.TEST_DURATIONS_FILE === undefined ? {} : { reporter: join(__dirname, "test", "lib", "durationsReporter.ts") }),
  },
};

export default config;
