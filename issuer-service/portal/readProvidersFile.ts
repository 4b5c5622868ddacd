import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * A provider as written in the providers file: everything but the client secret, which comes from an environment
 * variable or a file (a mounted secret) named here, so the file itself can live in version control.
 */
const ProviderEntry = z
  .looseObject({
    id: z.string(),
    clientSecretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    clientSecretFile: z.string().min(1).optional(),
  })
  .refine((entry) => (entry.clientSecretEnv === undefined) !== (entry.clientSecretFile === undefined), {
    message: "give exactly one of clientSecretEnv and clientSecretFile (a clientSecret never goes in this file)",
  })
  .refine((entry) => !("clientSecret" in entry), { message: "clientSecret must not be in the providers file" });

/** A secret from a file (a mounted secret), trimmed; undefined when no file is named. */
export function readSecret(path: string | undefined): string | undefined {
  return path === undefined ? undefined : readFileSync(path, "utf8").trim();
}

/**
 * Sign-in providers from a providers file (a JSON array: the portal's `PORTAL_PROVIDERS_FILE`, docs/PORTAL.md; the
 * inbox's `INBOX_PROVIDERS_FILE`, docs/REQUESTS.md), each with its secret read from where the entry points; the rest
 * is validated with the service's config. No file: no providers.
 */
export function readProvidersFile(path: string | undefined, env: NodeJS.ProcessEnv): Record<string, unknown>[] | undefined {
  if (path === undefined) return undefined;
  const entries = z.array(ProviderEntry).parse(JSON.parse(readFileSync(path, "utf8")));
  return entries.map(({ clientSecretEnv, clientSecretFile, ...provider }) => {
    const secret = clientSecretEnv === undefined ? readSecret(clientSecretFile) : env[clientSecretEnv];
    if (secret === undefined || secret === "") throw new Error(`provider ${provider.id} of ${path}: its client secret (${clientSecretEnv ?? clientSecretFile}) is empty`);
    return { ...provider, clientSecret: secret };
  });
}
