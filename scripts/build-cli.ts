/** `npm run build:cli`: compiles the CLI (run by `prepare`, so by npm install and npm ci, and by npm test). */
import { relative } from "node:path";
import { buildCli, CLI_BUNDLE } from "./lib/buildCli";

buildCli();
console.log(`wrote ${relative(process.cwd(), CLI_BUNDLE)}`);
