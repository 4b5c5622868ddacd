import { z } from "zod";
import { oidcProvider } from "../portal/oidcProvider";
import { providerList } from "../portal/providerList";

/**
 * An OpenID Connect provider organisations' reviewers sign in to the inbox with: an organisation's own staff sign-on
 * or a shared one. It only authenticates; who reviews for which organisation is the operator's registration
 * (reviewers.ts), never a claim of the provider's.
 */
export const InboxProvider = oidcProvider("/inbox/callback", {});
export type InboxProvider = z.infer<typeof InboxProvider>;

/** Organisation sign-in to the inbox (docs/REQUESTS.md "Signing in"). */
export const InboxConfig = z
  .object({
    providers: providerList(InboxProvider),
    /** A reviewer's session unused this long ends; every session ends this long after sign-in whatever its use. */
    sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
    sessionAbsoluteHours: z.coerce.number().int().min(1).max(24 * 30).default(10),
  })
  .strict();
export type InboxConfig = z.infer<typeof InboxConfig>;
