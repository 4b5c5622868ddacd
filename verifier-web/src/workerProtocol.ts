import type { CheckName, CredentialKind, GradingScale, InputKind, LocalisedText, ReportStatus, VerificationReport } from "@credanchor/core/protocol";
import type { VerifierConfig } from "./config";

/** One line of the bulk table and its CSV: what an admissions officer files, without keeping every full report. */
export interface BulkRow {
  file: string;
  studentId: string | null;
  name: Partial<LocalisedText> | null;
  /** The degree awarded, as the credential states it. */
  award: Partial<LocalisedText> | null;
  university: LocalisedText | null;
  /** `YYYY-MM-DD`. */
  awardDate: string | null;
  /** The credential's kind (SPEC §12.1), once it could be read as a credential. */
  kind: CredentialKind | null;
  status: ReportStatus;
  /** The verdict's cause in words (core's reportHeadline). */
  reason: LocalisedText;
  failure: { check: CheckName; code: string; message: LocalisedText } | null;
  /** The block the credential's batch was recorded in, when the anchor was confirmed. */
  blockNumber: number | null;
  verifiedAt: string;
}

/** A file of a bulk run that is recognisably not a credential (a batch report, an OpenCerts file…): named, not verified. */
export interface SkippedFile {
  file: string;
  what: LocalisedText;
}

export type WorkerRequest =
  /** A file's bytes (decoded by the verifier, SPEC §2) or text that arrived as text (a link, a paste). */
  | { kind: "verify"; id: number; config: VerifierConfig; input: string | ArrayBuffer }
  /**
   * Some of the chosen files as the browser handed them over, unread: the worker reads them (each File is passed as a
   * handle, never as its bytes). A run's files come in several messages; the run starts with the `last` one.
   */
  | { kind: "bulk"; id: number; config: VerifierConfig; files: File[]; last: boolean }
  /** Stops the bulk run `id`: no further file is started; rows already verified stay. */
  | { kind: "cancel"; id: number }
  | { kind: "disclose"; id: number; text: string; pointers: string[] }
  /** Fetches the grading scale `cid` from `url` and checks it against the CID (SPEC §12.2). */
  | { kind: "scale"; id: number; url: string; cid: string };

/**
 * A transcript's grading scale as the page can show it: the scale, checked against its CID; or why not — the content
 * store could not be reached or had no such content, it answered other bytes, or the bytes are not a grading scale.
 */
export type ScaleOutcome = { status: "shown"; scale: GradingScale } | { status: "unreachable" | "mismatch" | "invalid" };

export type WorkerResponse =
  | {
      kind: "report";
      id: number;
      report: VerificationReport;
      /** SHA-256 of the exact bytes verified, so a receipt names the file it is about. */
      sha256: string;
      elapsedMs: number;
      /** The credential actually verified: the text itself, or the original a VC export carries (SPEC §10). */
      credentialText: string;
      /** The verdict's cause in words (core's reportHeadline), and what the input was. */
      headline: LocalisedText;
      input: InputKind;
    }
  | { kind: "disclosed"; id: number; text: string }
  | { kind: "scale"; id: number; outcome: ScaleOutcome }
  | { kind: "bulkStart"; id: number; total: number; unreadableZips: string[]; skipped: SkippedFile[] }
  | { kind: "bulkRows"; id: number; rows: { index: number; row: BulkRow }[] }
  | { kind: "bulkDone"; id: number; cancelled: boolean }
  | { kind: "failed"; id: number; message: string };
