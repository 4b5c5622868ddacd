import { z } from "zod";
import { oidcProvider } from "./oidcProvider";
import { providerList } from "./providerList";

/**
 * One OpenID Connect provider the portal signs graduates in with: the territory's digital identity or a
 * university's own sign-on. Everything is configuration (docs/PORTAL.md); the portal treats every provider alike.
 */
export const PortalProvider = oidcProvider("/my/callback", {
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
}).refine((provider) => (provider.university === undefined) === (provider.studentIdClaim === undefined), {
  message: "university and studentIdClaim go together",
  path: ["studentIdClaim"],
});
export type PortalProvider = z.infer<typeof PortalProvider>;

export const PortalConfig = z
  .object({
    providers: providerList(PortalProvider),
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
