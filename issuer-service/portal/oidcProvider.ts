import { z } from "zod";

/** Provider ids appear in URLs (`/my/login/<id>`, `/inbox/callback/<id>`) and in account and reviewer keys. */
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** TypeScript cannot see the common fields through the spread of a generic shape; they are there, parsed above. */
const common = (provider: unknown) => provider as { id: string; redirectUri: string; scopes: string[] };

/**
 * An OpenID Connect provider this service signs people in with, wherever they sign in: graduates in the portal
 * (`/my/callback`), organisations' reviewers in the inbox (`/inbox/callback`). `callbackPath` is the path the
 * redirect URI ends with before the provider's id; `extra` the fields only that place reads. Everything is
 * configuration (docs/PORTAL.md, docs/REQUESTS.md); providers are treated alike whoever they are.
 */
export function oidcProvider<Extra extends z.ZodRawShape>(callbackPath: string, extra: Extra) {
  return z
    .object({
      id: z.string().regex(PROVIDER_ID, "must be lowercase letters, digits and dashes"),
      /** The name on the sign-in button, in both languages. */
      label: z.object({ en: z.string().min(1), "zh-Hant": z.string().min(1) }).strict(),
      /** The issuer identifier; its `/.well-known/openid-configuration` is read at the first sign-in. */
      issuer: z.url(),
      clientId: z.string().min(1),
      /** Read from the environment or a file by configFromEnv, never from the providers file itself. */
      clientSecret: z.string().min(1),
      /** This service's `<callbackPath>/<id>` as registered with the provider. */
      redirectUri: z.url(),
      scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).min(1).default(["openid"]),
      ...extra,
    })
    .strict()
    .refine((provider) => common(provider).scopes.includes("openid"), { message: "scopes must include openid", path: ["scopes"] })
    .refine((provider) => new URL(common(provider).redirectUri).pathname.endsWith(`${callbackPath}/${common(provider).id}`), {
      message: `redirectUri must end with ${callbackPath}/<id>`,
      path: ["redirectUri"],
    });
}

/** The fields every provider has, as the sign-in reads them. */
export type OidcProvider = z.infer<ReturnType<typeof oidcProvider<Record<never, never>>>>;
