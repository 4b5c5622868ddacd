/**
 * What one deployment of the static site verifies against, read from `config.json` beside index.html so one build
 * serves any chain (docs/VERIFIER.md). Validated by hand rather than with zod so the page itself stays small: zod
 * and ethers are only loaded in the verification worker.
 */
export interface VerifierConfig {
  rpcUrl: string;
  deployment: { chainId: number; anchor: string; registry: string };
  /** Issuer service storing encrypted share links (SPEC §11); optional: without it, share links are unavailable. */
  shareServiceUrl?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the shape of a parsed config.json; throws ConfigError naming the first problem. */
export function parseConfig(value: unknown): VerifierConfig {
  if (!isRecord(value)) throw new ConfigError("not a JSON object");
  const { rpcUrl, deployment, shareServiceUrl } = value;
  if (typeof rpcUrl !== "string") throw new ConfigError("rpcUrl must be a string");
  let url: URL;
  try {
    url = new URL(rpcUrl, globalThis.location?.href);
  } catch {
    throw new ConfigError(`rpcUrl is not a URL: ${rpcUrl}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError("rpcUrl must be http or https");
  if (!isRecord(deployment)) throw new ConfigError("deployment must be an object");
  const { chainId, anchor, registry } = deployment;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new ConfigError("deployment.chainId must be a positive integer");
  }
  if (typeof anchor !== "string" || !ADDRESS.test(anchor)) throw new ConfigError("deployment.anchor must be an address");
  if (typeof registry !== "string" || !ADDRESS.test(registry)) throw new ConfigError("deployment.registry must be an address");
  let share: URL | undefined;
  if (shareServiceUrl !== undefined) {
    if (typeof shareServiceUrl !== "string") throw new ConfigError("shareServiceUrl must be a string");
    try {
      share = new URL(shareServiceUrl, globalThis.location?.href);
    } catch {
      throw new ConfigError(`shareServiceUrl is not a URL: ${shareServiceUrl}`);
    }
    if (share.protocol !== "http:" && share.protocol !== "https:") throw new ConfigError("shareServiceUrl must be http or https");
  }
  return { rpcUrl: url.href, deployment: { chainId, anchor, registry }, ...(share === undefined ? {} : { shareServiceUrl: share.href }) };
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
