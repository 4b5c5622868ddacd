import * as z from "zod/mini";

/**
 * What one deployment of the static site verifies against, read from `config.json` beside index.html so one build
 * serves any chain (docs/VERIFIER.md). Checked with zod's small build (`zod/mini`) so the page stays light: the full
 * zod and ethers are only loaded in the verification worker.
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

const address = z.string("must be an address").check(z.regex(/^0x[0-9a-fA-F]{40}$/, "must be an address"));

/** An http(s) URL, resolved against the page so a relative one (a reverse proxy on the same origin) works. */
const httpUrl = z.pipe(
  z.string("must be a string"),
  z.transform((value: string, payload) => {
    let url: URL;
    try {
      url = new URL(value, globalThis.location?.href);
    } catch {
      payload.issues.push({ code: "custom", message: `is not a URL: ${value}`, input: value });
      return z.NEVER;
    }
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    payload.issues.push({ code: "custom", message: "must be http or https", input: value });
    return z.NEVER;
  }),
);

const configSchema = z.object(
  {
    rpcUrl: httpUrl,
    deployment: z.object(
      {
        chainId: z.int("must be a positive integer").check(z.positive("must be a positive integer")),
        anchor: address,
        registry: address,
        lens: z.optional(address),
        // Entries copied from the deployment file's `history` keep their block and date; only the contracts count.
        history: z._default(
          z.array(
            z.strictObject(
              { anchor: address, registry: address, blockNumber: z.optional(z.number()), deployedAt: z.optional(z.string()) },
              "must be an object { anchor, registry }",
            ),
            "must be an array",
          ),
          [],
        ),
      },
      "must be an object",
    ),
    shareServiceUrl: z.optional(httpUrl),
    contentStoreUrl: z.optional(httpUrl),
  },
  "not a JSON object",
);

/** `deployment.history[1].anchor`: where in config.json a problem is, as an operator would look for it. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

/** Checks the shape of a parsed config.json; throws ConfigError naming the first problem and where it is. */
export function parseConfig(value: unknown): VerifierConfig {
  const result = z.safeParse(configSchema, value);
  if (!result.success) {
    const [issue] = result.error.issues;
    const where = issue === undefined ? "" : fieldName(issue.path);
    const problem = issue?.code === "unrecognized_keys" ? `has unknown fields: ${issue.keys.join(", ")}` : (issue?.message ?? "is invalid");
    throw new ConfigError(`${where === "" ? "" : `${where} `}${problem}`);
  }
  const { rpcUrl, deployment, shareServiceUrl, contentStoreUrl } = result.data;
  return {
    rpcUrl,
    deployment: {
      chainId: deployment.chainId,
      anchor: deployment.anchor,
      registry: deployment.registry,
      history: deployment.history.map(({ anchor, registry }) => ({ anchor, registry })),
      ...(deployment.lens === undefined ? {} : { lens: deployment.lens }),
    },
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
