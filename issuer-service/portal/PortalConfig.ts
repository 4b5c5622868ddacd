import { z } from "zod";

/** Provider ids appear in URLs (`/my/login/<id>`, `/my/callback/<id>`) and in account keys. */
export const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * One OpenID Connect provider the portal signs graduates in with: the territory's digital identity or a
 * university's own sign-on. Everything is configuration (docs/PORTAL.md); the portal treats every provider alike.
 */
export const PortalProvider = z
  .object({
    id: z.string().regex(PROVIDER_ID, "must be lowercase letters, digits and dashes"),
    /** The name on the sign-in button, in both languages. */
    label: z.object({ en: z.string().min(1), "zh-Hant": z.string().min(1) }).strict(),
    /** The issuer identifier; its `/.well-known/openid-configuration` is read at the first sign-in. */
    issuer: z.url(),
    clientId: z.string().min(1),
    /** Read from the environment or a file by configFromEnv, never from the providers file itself. */
    clientSecret: z.string().min(1),
    /** This service's `/my/callback/<id>` as registered with the provider. */
    redirectUri: z.url(),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).min(1).default(["openid"]),
    /**
     * The claim in which this provider releases the graduate's identity-document number (with consent, through one
     * of `scopes`); absent: credentials are never matched by identity for its accounts.
     */
    identityClaim: z.string().min(1).optional(),
    /**
     * A university's own sign-on: the university (its id in this service) the provider speaks for, and the claim in
     * which it releases the graduate's student id there. Signing in binds that university's holdings of that student
     * id, and never another university's, since student ids are only unique within their university.
     */
    university: z.string().min(1).optional(),
    studentIdClaim: z.string().min(1).optional(),
  })
  .strict()
  .refine((provider) => (provider.university === undefined) === (provider.studentIdClaim === undefined), {
    message: "university and studentIdClaim go together",
    path: ["studentIdClaim"],
  })
  .refine((provider) => provider.scopes.includes("openid"), { message: "scopes must include openid", path: ["scopes"] })
  .refine((provider) => new URL(provider.redirectUri).pathname.endsWith(`/my/callback/${provider.id}`), {
    message: "redirectUri must end with /my/callback/<id>",
    path: ["redirectUri"],
  });
export type PortalProvider = z.infer<typeof PortalProvider>;

export const PortalConfig = z
  .object({
    providers: z
      .array(PortalProvider)
      .default([])
      .refine((providers) => new Set(providers.map((p) => p.id)).size === providers.length, "provider ids must be unique"),
    /** The verifier site share links open on (`<verifierUrl>#share=…`); without it the portal offers no share links. */
    verifierUrl: z.url().optional(),
    /** A session unused this long ends; every session ends this long after sign-in whatever its use. */
    sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
    sessionAbsoluteHours: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** How long a claim code from a registrar's download works. */
    claimCodeDays: z.coerce.number().int().min(1).max(3650).default(180),
    /** Claim-code attempts one account (and one IP address) may make per hour, right or wrong. */
    claimAttemptsPerHour: z.coerce.number().int().min(1).max(1000).default(10),
    /**
     * The secret key identity-document numbers are hashed under (HMAC-SHA-256), so a copy of the database cannot be
     * searched for a number; without it, identity match is off.
     */
    identityHmacKey: z.string().min(32, "must be at least 32 characters").optional(),
  })
  .strict();
export type PortalConfig = z.infer<typeof PortalConfig>;
