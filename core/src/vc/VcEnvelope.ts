import type { VcProfile } from "./vcIssuerProfile";

/** The members every export and every credential inside a CLR has: a VC 2.0 credential named for display. */
export interface VcEnvelope<Context extends readonly string[], Type extends readonly string[]> {
  "@context": Context;
  id: string;
  type: Type;
  name: string;
  issuer: VcProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
}
