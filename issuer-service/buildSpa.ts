import { randomUUID } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { importEsm } from "./importEsm";

/**
 * The service's single-page apps: each a Vite root under issuer-service/, built into its own `dist/` and served
 * under its base path (the registrar console at `/`, the organisations' inbox at `/inbox/`).
 */
export const SPAS = {
  console: { root: join(__dirname, "console"), base: "/" },
  inbox: { root: join(__dirname, "inbox"), base: "/inbox/" },
} as const;
export type SpaName = keyof typeof SPAS;

/** Where an app's build lives (what app.ts serves). */
export function spaDist(name: SpaName): string {
  return join(SPAS[name].root, "dist");
}

/**
 * Puts a finished build in the place of dist/ by renames, so a service serving dist/ meanwhile (another test process,
 * a running server) never finds it emptied or half written. Another build may land between the two renames; then the
 * move is made again over that one.
 */
function swapIntoDist(fresh: string, dist: string): void {
  for (let attempt = 1; ; attempt++) {
    const old = `${dist}.${randomUUID()}.old`;
    try {
      renameSync(dist, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(fresh, dist);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ENOTEMPTY" && code !== "EEXIST") || attempt === 5) throw error;
    }
  }
}

/**
 * Builds one app with Vite beside its dist/ and swaps it in. Module preload polyfills are off because Vite would
 * otherwise be free to inline them, and the CSP allows no inline script.
 */
export async function buildSpa(name: SpaName): Promise<void> {
  // Vite ships ES modules only and its types do not resolve under this repository's CommonJS settings; the one
  // function used here is typed by hand.
  const { build } = await importEsm<{ build(config: Record<string, unknown>): Promise<unknown> }>("vite");
  const fresh = `${spaDist(name)}.${randomUUID()}.tmp`;
  await build({
    root: SPAS[name].root,
    configFile: false,
    base: SPAS[name].base,
    logLevel: "warn",
    build: {
      outDir: fresh,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      target: "es2022",
      // The bundler's report of slow plugins (the worker's bundle) is no warning anyone can act on.
      rolldownOptions: { checks: { pluginTimings: false } },
    },
    worker: { format: "es" },
  });
  swapIntoDist(fresh, spaDist(name));
}

/** Builds each app whose dist/ is missing (a fresh checkout); an existing build is served as is. */
export async function ensureSpasBuilt(): Promise<void> {
  for (const name of Object.keys(SPAS) as SpaName[]) {
    if (!existsSync(join(spaDist(name), "index.html"))) await buildSpa(name);
  }
}
