import { z } from "zod";
import { CREDENTIAL_KINDS } from "./kinds/kindOf";

export const CHECK_NAMES = ["FORMAT", "INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"] as const;
export const CheckName = z.enum(CHECK_NAMES);
export type CheckName = z.infer<typeof CheckName>;

export const CheckStatus = z.enum(["VALID", "INVALID", "ERROR", "SKIPPED"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const ReportStatus = z.enum(["VALID", "INVALID", "ERROR"]);
export type ReportStatus = z.infer<typeof ReportStatus>;

const LocalisedMessage = z.object({ en: z.string(), "zh-Hant": z.string() }).strict();

/**
 * Every stable code a check can report, by check. `OK` means VALID, `SKIPPED` means not decided because an earlier
 * check failed, `CHAIN_UNREACHABLE` means ERROR. docs/SPEC.md §8 lists them with their meaning.
 */
export const CHECK_CODES = {
  FORMAT: [
    "OK",
    "FORMAT_INVALID_JSON",
    "FORMAT_DUPLICATE_KEY",
    "FORMAT_FORBIDDEN_KEY",
    "FORMAT_LONE_SURROGATE",
    "FORMAT_NON_FINITE_NUMBER",
    "FORMAT_SCHEMA",
    "FORMAT_SALT_INVALID",
    "FORMAT_UNREADABLE",
  ],
  INTEGRITY: [
    "OK",
    "SKIPPED",
    "INTEGRITY_CLAIM_UNSALTED",
    "INTEGRITY_SALT_ORPHANED",
    "INTEGRITY_HIDDEN_CONFLICT",
    "INTEGRITY_HIDDEN_NOT_ALLOWED",
    "INTEGRITY_PROOF_SHAPE",
    "INTEGRITY_ROOT_MISMATCH",
  ],
  SIGNATURE: ["OK", "SKIPPED", "SIGNATURE_MALFORMED", "SIGNATURE_ISSUER_MISMATCH", "SIGNATURE_SIGNER_MISMATCH"],
  ANCHOR: [
    "OK",
    "SKIPPED",
    "CHAIN_UNREACHABLE",
    "ANCHOR_WRONG_CHAIN",
    "ANCHOR_WRONG_CONTRACT",
    "ANCHOR_NOT_FOUND",
    "ANCHOR_ISSUER_MISMATCH",
    "ANCHOR_SIGNER_MISMATCH",
    "ANCHOR_COUNT_MISMATCH",
    "ANCHOR_NOT_YET",
  ],
  ISSUER: [
    "OK",
    "SKIPPED",
    "CHAIN_UNREACHABLE",
    "ISSUER_UNKNOWN",
    "ISSUER_NOT_ACCREDITED",
    "ISSUER_KEY_NOT_AUTHORISED",
    "ISSUER_NAME_MISMATCH",
    "ISSUER_URL_MISMATCH",
  ],
  STATUS: ["OK", "SKIPPED", "CHAIN_UNREACHABLE", "STATUS_REVOKED", "STATUS_BATCH_REVOKED", "STATUS_SUPERSEDED"],
  EXPIRY: ["OK", "SKIPPED", "EXPIRY_EXPIRED", "EXPIRY_NOT_YET_VALID"],
} as const satisfies Record<CheckName, readonly string[]>;

export type CheckCode<C extends CheckName = CheckName> = (typeof CHECK_CODES)[C][number];

export const CheckResult = z
  .object({
    check: CheckName,
    status: CheckStatus,
    code: z.string(),
    message: LocalisedMessage,
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

/** The one report shape of the CLI, the web verifier and the API (DESIGN.md). */
export const VerificationReport = z
  .object({
    valid: z.boolean(),
    status: ReportStatus,
    checks: z.array(CheckResult),
    credential: z
      .object({
        id: z.string(),
        /** The credential's kind (SPEC §12.1). */
        kind: z.enum(CREDENTIAL_KINDS),
        issuer: z.string(),
        subject: z.string(),
        issuerName: LocalisedMessage.optional(),
        subjectName: LocalisedMessage.optional(),
        hiddenClaims: z.array(z.string()),
      })
      .strict()
      .nullable(),
    chain: z
      .object({ chainId: z.number(), blockNumber: z.number(), blockHash: z.string(), anchor: z.string() })
      .strict()
      .nullable(),
    verifiedAt: z.string(),
    at: z.string(),
  })
  .strict();
export type VerificationReport = z.infer<typeof VerificationReport>;

/**
 * VALID only if every check is VALID or SKIPPED; ERROR if none is INVALID and at least one could not be decided;
 * INVALID otherwise. A report with no VALID check at all is never VALID.
 */
export function summariseChecks(checks: readonly CheckResult[]): ReportStatus {
  if (checks.some((c) => c.status === "INVALID")) return "INVALID";
  if (checks.some((c) => c.status === "ERROR")) return "ERROR";
  if (!checks.some((c) => c.status === "VALID")) return "ERROR";
  return "VALID";
}
