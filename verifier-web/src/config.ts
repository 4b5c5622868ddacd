/**
 * What one deployment of the static site verifies against, read from `config.json` beside index.html so one build
 * serves any chain (docs/VERIFIER.md). Checked by hand (`parseConfig`) so the page loads no schema library.
 */
export interface VerifierConfig {
  rpcUrl: string;
  deployment: {
    chainId: number;
    anchor: string;
    registry: string;
    /** Earlier deployments on the same chain the consortium still lists (SPEC §8.1): their credentials stay valid. */
    history: { anchor: string; registry: string }[];
    /** The CredentialLens: one request per credential instead of one per read (optional). */
    lens?: string;
  };
  /** Issuer service storing encrypted share links (SPEC §11); optional: without it, share links are unavailable. */
  shareServiceUrl?: string;
  /**
   * Where content is read by its CID: `<contentStoreUrl><cid>` answers the bytes (an IPFS gateway's `…/ipfs/`, or a
   * copy of the consortium's content store). Optional: without it a transcript's grading-scale legend is not shown.
   */
  contentStoreUrl?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HISTORY_FIELDS = new Set(["anchor", "registry", "blockNumber", "deployedAt"]);

/** The first problem found, with where it is (`deployment.history[1].anchor`, as an operator would look for it). */
function problem(where: string, what: string): ConfigError {
  return new ConfigError(`${where === "" ? "" : `${where} `}${what}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function address(value: unknown, where: string): string {
  if (typeof value !== "string" || !ADDRESS.test(value)) throw problem(where, "must be an address");
  return value;
}

/** An http(s) URL, resolved against the page so a relative one (a reverse proxy on the same origin) works. */
function httpUrl(value: unknown, where: string): string {
  if (typeof value !== "string") throw problem(where, "must be a string");
  let url: URL;
  try {
    url = new URL(value, globalThis.location?.href);
  } catch {
    throw problem(where, `is not a URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw problem(where, "must be http or https");
  return url.href;
}

/** Entries copied from the deployment file's `history` keep their block and date; only the contracts count. */
function historyEntry(value: unknown, where: string): { anchor: string; registry: string } {
  if (!isObject(value)) throw problem(where, "must be an object { anchor, registry }");
  const anchor = address(value.anchor, `${where}.anchor`);
  const registry = address(value.registry, `${where}.registry`);
  if (value.blockNumber !== undefined && typeof value.blockNumber !== "number") throw problem(`${where}.blockNumber`, "must be a number");
  if (value.deployedAt !== undefined && typeof value.deployedAt !== "string") throw problem(`${where}.deployedAt`, "must be a string");
  const unknown = Object.keys(value).filter((key) => !HISTORY_FIELDS.has(key));
  if (unknown.length > 0) throw problem(where, `has unknown fields: ${unknown.join(", ")}`);
  return { anchor, registry };
}

function deploymentOf(value: unknown): VerifierConfig["deployment"] {
  if (!isObject(value)) throw problem("deployment", "must be an object");
  const { chainId } = value;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) throw problem("deployment.chainId", "must be a positive integer");
  const anchor = address(value.anchor, "deployment.anchor");
  const registry = address(value.registry, "deployment.registry");
  const lens = value.lens === undefined ? undefined : address(value.lens, "deployment.lens");
  const history = value.history === undefined ? [] : value.history;
  if (!Array.isArray(history)) throw problem("deployment.history", "must be an array");
  return {
    chainId,
    anchor,
    registry,
    history: history.map((entry: unknown, i) => historyEntry(entry, `deployment.history[${i}]`)),
    ...(lens === undefined ? {} : { lens }),
  };
}

/**
 * Checks the shape of a parsed config.json; throws ConfigError naming the first problem and where it is. Written out
 * by hand rather than with a schema library so the page loads none: the file has six fields.
 */
export function parseConfig(value: unknown): VerifierConfig {
  if (!isObject(value)) throw problem("", "not a JSON object");
  const rpcUrl = httpUrl(value.rpcUrl, "rpcUrl");
  const deployment = deploymentOf(value.deployment);
  const shareServiceUrl = value.shareServiceUrl === undefined ? undefined : httpUrl(value.shareServiceUrl, "shareServiceUrl");
  const contentStoreUrl = value.contentStoreUrl === undefined ? undefined : httpUrl(value.contentStoreUrl, "contentStoreUrl");
  return {
    rpcUrl,
    deployment,
    ...(shareServiceUrl === undefined ? {} : { shareServiceUrl }),
    // A CID is appended to it, so it names a folder whether or not the operator wrote the final "/".
    ...(contentStoreUrl === undefined ? {} : { contentStoreUrl: contentStoreUrl.endsWith("/") ? contentStoreUrl : `${contentStoreUrl}/` }),
  };
}

/** Loads config.json from beside the page; `null` when there is none (the operator has not configured the site). */
export async function loadConfig(): Promise<VerifierConfig | null> {
  let response: Response;
  try {
    response = await fetch(new URL("config.json", document.baseURI), { cache: "no-store" });
  } catch {
    return null;
  }
  if (!response.ok) return null;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigError("not valid JSON");
  }
  return parseConfig(body);
}
