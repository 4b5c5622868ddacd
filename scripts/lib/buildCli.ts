import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

const ROOT = join(__dirname, "..", "..");
export const CLI_BUNDLE = join(ROOT, "cli", "dist", "main.js");
const RUN_BUNDLE = join(ROOT, "cli", "runBundle.cjs");

/**
 * Packages compiled into the bundle rather than loaded from node_modules: those every command that reads a credential
 * loads (verify, disclose, export…). Bundled from their ES modules, only what the CLI uses is kept, and one file
 * loads faster than their hundreds: `credanchor verify` spent about 0.2 s of its start loading ethers and zod.
 * commander stays outside (`credanchor --help` must load nothing else, test/cli/cli.e2e.test.ts), and so do the
 * packages of single commands (playwright-core for print, qrcode…), which load only when that command runs.
 */
const BUNDLED = new Set(["ethers", "zod", "@noble/hashes", "hash-wasm", "fflate"]);

function npmPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/**
 * Compiles the `credanchor` command to one JavaScript file, cli/dist/main.js, so that a call does not transpile
 * TypeScript first (through tsx's require hook, `credanchor verify` spent most of its 2.3–2.7 s doing that).
 * @credanchor/core is bundled in (its entry points are TypeScript), and so are the BUNDLED packages; the other npm
 * packages stay external and load from node_modules when the command that needs them runs (cli/main.ts loads only
 * the command being run).
 */
export function buildCli(): void {
  buildSync({
    entryPoints: [join(ROOT, "cli", "main.ts")],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // print.css is read at run time through require.resolve, from the package itself.
    external: [...npmPackages(), "@credanchor/core/print.css"],
    sourcemap: "linked",
    logLevel: "warning",
    // import() of an npm package becomes a require() when it runs: the bundle is compiled as a vm.Script (for its code
    // cache), where a real import() has no module loader to call.
    supported: { "dynamic-import": false },
  });
  // V8's code cache of the bundle, beside it (cli/runBundle.cjs), made by running `credanchor verify --help`: it then
  // holds the code every command's start and verify's whole module set need; other functions compile as they run.
  const warm = `process.argv = [process.argv[0], ${JSON.stringify(CLI_BUNDLE)}, "verify", "--help"];
    require(${JSON.stringify(RUN_BUNDLE)}).runBundle(${JSON.stringify(CLI_BUNDLE)}, { writeCache: true });`;
  const run = spawnSync(process.execPath, ["-e", warm], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (run.status !== 0) throw new Error(`writing the CLI's code cache failed (exit ${run.status}): ${run.stderr}`);
}
