import { RevocationReason } from "@credanchor/core/protocol";

/** The API's names for the contract's RevocationReason enum (the same names as `credanchor revoke --reason-code`). */
export const REASON_CODES = ["unspecified", "issued-in-error", "superseded", "academic-misconduct", "key-compromise", "withdrawn"] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export function reasonCodeValue(code: ReasonCode): RevocationReason {
  return REASON_CODES.indexOf(code) as RevocationReason;
}

/** The contract stores at most 256 bytes of reason text. */
export const MAX_REASON_BYTES = 256;
