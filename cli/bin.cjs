#!/usr/bin/env node
// The CLI runs compiled: cli/dist/main.js is built by `npm run build:cli`, which `npm install` runs through
// `prepare`. Running the TypeScript through a require hook cost about 2 s of transpiling at every call.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const main = join(__dirname, "dist", "main.js");
if (!existsSync(main)) {
  process.stderr.write(
    `credanchor: the CLI is not built (${main} is missing).\n` +
      `Build it with \`npm run build:cli\` in ${join(__dirname, "..")} (npm install does it too), and again after editing its sources.\n`,
  );
  process.exit(2);
}
// With the code cache the build wrote beside it (cli/runBundle.cjs).
require("./runBundle.cjs").runBundle(main);
