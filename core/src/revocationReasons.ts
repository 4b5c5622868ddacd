import { RevocationReason } from "./chain/ChainReader";

/**
 * The names users type and APIs take for the contract's `RevocationReason` (same order as the enum, so a name's index
 * is its code): `credanchor revoke --reason-code`, the issuer service's `reasonCode` and its console.
 */
export const REVOCATION_REASON_OPTIONS = ["unspecified", "issued-in-error", "superseded", "academic-misconduct", "key-compromise", "withdrawn"] as const;
export type RevocationReasonOption = (typeof REVOCATION_REASON_OPTIONS)[number];

export function revocationReasonOf(option: RevocationReasonOption): RevocationReason {
  return REVOCATION_REASON_OPTIONS.indexOf(option) as RevocationReason;
}

/** Longest revocation reason text, in UTF-8 bytes: what CredentialAnchor stores (its MAX_REASON_LENGTH). */
export const MAX_REASON_BYTES = 256;

export function reasonFits(reason: string): boolean {
  return new TextEncoder().encode(reason).length <= MAX_REASON_BYTES;
}
