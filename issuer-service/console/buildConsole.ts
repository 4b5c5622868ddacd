import { existsSync } from "node:fs";
import { join } from "node:path";
import { importEsm } from "../importEsm";

const CONSOLE_ROOT = __dirname;
export const CONSOLE_OUT = join(CONSOLE_ROOT, "dist");

/**
 * Builds the registrar console with Vite into console/dist. Module preload polyfills are off because Vite would
 * otherwise be free to inline them, and the CSP allows no inline script.
 */
export async function buildConsole(): Promise<void> {
  // Vite ships ES modules only and its types do not resolve under this repository's CommonJS settings; the one
  // function used here is typed by hand.
  const { build } = await importEsm<{ build(config: Record<string, unknown>): Promise<unknown> }>("vite");
  await build({
    root: CONSOLE_ROOT,
    configFile: false,
    base: "/",
    logLevel: "warn",
    build: { outDir: CONSOLE_OUT, emptyOutDir: true, modulePreload: { polyfill: false }, assetsInlineLimit: 0, target: "es2022" },
  });
}

/** Builds the console once if `dist/` is missing (a fresh checkout); an existing build is served as is. */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!existsSync(join(CONSOLE_OUT, "index.html"))) await buildConsole();
}
