import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The verifier is a static site: `vite build verifier-web` writes `verifier-web/dist/`, which any static host can
 * serve next to a `config.json` naming the chain (docs/VERIFIER.md). Relative `base` lets it live under any path.
 */
export default defineConfig({
  base: "./",
  // ENS name normalisation, which ethers carries and the verifier never uses (src/ensNormalize.ts says why).
  resolve: { alias: { "@adraffy/ens-normalize": fileURLToPath(new URL("src/ensNormalize.ts", import.meta.url)) } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Source maps stay out of what a CDN serves.
    sourcemap: false,
    reportCompressedSize: true,
  },
  // Module workers (supported by every current browser) may import shared code; the default IIFE format may not.
  worker: { format: "es" },
});
