/**
 * Compiles the `credanchor` command to one JavaScript file, cli/dist/main.js, so that a call does not transpile
 * TypeScript first (with tsx's require hook, `credanchor verify` spent most of its 2.3–2.7 s doing that). Runs in
 * `prepare` (npm install, npm ci) after export-abis, and before the tests. @credanchor/core is bundled in (its entry
 * points are TypeScript); npm packages stay external and are loaded from node_modules, lazily where the CLI
 * imports them lazily.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(__dirname, "..");

function npmPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.flatMap((name) => [name, `${name}/*`]);
}

async function main(): Promise<void> {
  await build({
    entryPoints: [join(root, "cli", "main.ts")],
    outfile: join(root, "cli", "dist", "main.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // print.css is read at run time through require.resolve, from the package itself.
    external: [...npmPackages(), "@credanchor/core/print.css"],
    sourcemap: "linked",
    logLevel: "warning",
  });
  console.log("wrote cli/dist/main.js");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
