/**
 * A tiny static server for the built verifier (Node only; the site itself needs nothing but static hosting). It
 * serves `distDir`, answers `/config.json` from the given config object so `npm start` and the tests can point one
 * build at any chain, and builds the site first if `distDir` has no index.html yet.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import type { Deployment } from "@credanchor/core/protocol";

const WEB_ROOT = __dirname;
const PROJECT_ROOT = join(__dirname, "..");
export const DEFAULT_DIST_DIR = join(WEB_ROOT, "dist");

export interface VerifierSiteConfig {
  rpcUrl: string;
  /** `history`: the earlier deployments of `deployments/<chainId>.json` the consortium still lists (SPEC §8.1). */
  deployment: { chainId: number; anchor: string; registry: string; history?: { anchor: string; registry: string }[]; lens?: string };
  /** Issuer service that stores encrypted share links (SPEC §11); without it the page neither creates nor opens them. */
  shareServiceUrl?: string;
  /** Where the page reads content by CID (a transcript's grading scale): an IPFS gateway's `…/ipfs/`, or `content/` with `contentDir`. */
  contentStoreUrl?: string;
}

/** The `deployment` of config.json for a deployment file: its contracts, the earlier ones its history lists, its lens. */
export function siteDeployment(deployment: Pick<Deployment, "chainId" | "anchor" | "registry" | "history" | "lens">): VerifierSiteConfig["deployment"] {
  return {
    chainId: deployment.chainId,
    anchor: deployment.anchor,
    registry: deployment.registry,
    history: deployment.history.map(({ anchor, registry }) => ({ anchor, registry })),
    ...(deployment.lens === undefined ? {} : { lens: deployment.lens }),
  };
}

export interface ServeVerifierOptions {
  /** 0 picks a free port. */
  port: number;
  distDir?: string;
  config: VerifierSiteConfig;
  /** Interface to listen on; loopback unless the caller means to expose it. */
  host?: string;
  /**
   * A local content store (one file per CID, as `createDirectoryStore` writes it) served read-only under `/content/`,
   * as a gateway would serve it: `npm start` points `contentStoreUrl` at it.
   */
  contentDir?: string;
}

/** A CIDv0, the only name `/content/` answers: nothing else of the folder can be read through it. */
const CID_PATH = /^\/content\/(Qm[1-9A-HJ-NP-Za-km-z]{44})$/;

export interface VerifierServer {
  url: string;
  close(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Builds the site with Vite in a child process (Vite is ESM-only; the callers of this module run as CommonJS). */
export function buildVerifier(distDir: string = DEFAULT_DIST_DIR): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const vite = join(PROJECT_ROOT, "node_modules", ".bin", "vite");
    const child = spawn(vite, ["build", WEB_ROOT, "--outDir", resolve(distDir), "--logLevel", "warn"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolveBuild() : reject(new Error(`vite build exited ${code}`))));
  });
}

/** The origin of a configured URL; none for a URL relative to the page, which is the page's own origin ('self'). */
function originOf(url: string | undefined): string[] {
  if (url === undefined || !URL.canParse(url)) return [];
  return [new URL(url).origin];
}

/**
 * What the browser may do on this origin: load its own scripts and styles, read the chain's RPC endpoint, use
 * images and camera frames from blob/data URLs, the share service and the content store when configured. Nothing
 * else, so even a hostile credential cannot make the page talk to a third party.
 */
function securityHeaders(config: VerifierSiteConfig): Record<string, string> {
  // The share service holds only ciphertext; the page talks to it to store and fetch encrypted share links. The
  // content store answers public grading scales by CID, checked against the CID before anything of them is shown.
  const origins = [new URL(config.rpcUrl).origin, ...originOf(config.shareServiceUrl), ...originOf(config.contentStoreUrl)];
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      `connect-src 'self' ${[...new Set(origins)].join(" ")}`,
      "img-src 'self' data: blob:",
      "media-src 'self' blob: mediastream:",
      "worker-src 'self'",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/** The file under `root` a URL path names, or null when it would leave `root` (`..`, encoded or not, NUL bytes). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const relative = decoded === "/" || decoded === "" ? "index.html" : decoded.replace(/^\/+/, "");
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, relative);
  return file.startsWith(absoluteRoot + sep) ? file : null;
}

async function handle(request: IncomingMessage, response: ServerResponse, distDir: string, configJson: string, headers: Record<string, string>, contentDir: string | undefined) {
  const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    response.writeHead(status, { ...headers, "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...extra });
    response.end(request.method === "HEAD" ? undefined : body);
  };
  if (request.method !== "GET" && request.method !== "HEAD") {
    return send(405, "text/plain; charset=utf-8", "Method Not Allowed", { Allow: "GET, HEAD" });
  }
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path === "/config.json") return send(200, MIME_TYPES[".json"] as string, configJson, { "Cache-Control": "no-store" });
  const cid = contentDir === undefined ? null : CID_PATH.exec(path);
  if (contentDir !== undefined && cid !== null) {
    try {
      // Content under a CID never changes: a cache may keep it for good, as with an IPFS gateway.
      return send(200, "application/octet-stream", await readFile(join(contentDir, cid[1] as string)), { "Cache-Control": "public, max-age=31536000, immutable" });
    } catch {
      return send(404, "text/plain; charset=utf-8", "Not Found");
    }
  }
  const file = resolveStaticPath(distDir, path);
  if (file === null) return send(400, "text/plain; charset=utf-8", "Bad Request");
  try {
    if (!(await stat(file)).isFile()) return send(404, "text/plain; charset=utf-8", "Not Found");
    const body = await readFile(file);
    // Built assets have content hashes in their names and never change; the page and its config must always be fresh.
    const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
    return send(200, MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", body, { "Cache-Control": cache });
  } catch {
    return send(404, "text/plain; charset=utf-8", "Not Found");
  }
}

/** Serves the built verifier with the given chain configuration; builds it first when `distDir` is empty. */
export async function serveVerifier(options: ServeVerifierOptions): Promise<VerifierServer> {
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  if (!existsSync(join(distDir, "index.html"))) await buildVerifier(distDir);
  const configJson = JSON.stringify(options.config, null, 2);
  const headers = securityHeaders(options.config);
  const contentDir = options.contentDir === undefined ? undefined : resolve(options.contentDir);
  const server = createServer((request, response) => {
    handle(request, response, distDir, configJson, headers, contentDir).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
