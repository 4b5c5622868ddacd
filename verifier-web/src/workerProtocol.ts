import type { CheckName, InputKind, LocalisedText, ReportStatus, VerificationReport } from "@credanchor/core/protocol";
import type { VerifierConfig } from "./config";

/** A file handed to the worker: its bytes are transferred, not copied, so hundreds of files cost no extra memory. */
export interface InputFile {
  name: string;
  bytes: ArrayBuffer;
}

/** One line of the bulk table: enough to filter, sort and export without keeping every full report. */
export interface BulkRow {
  file: string;
  name: LocalisedText | null;
  university: LocalisedText | null;
  status: ReportStatus;
  failure: { check: CheckName; code: string; message: LocalisedText } | null;
}

/** A file of a bulk run that is recognisably not a credential (a batch report, an OpenCerts file…): named, not verified. */
export interface SkippedFile {
  file: string;
  what: LocalisedText;
}

export type WorkerRequest =
  /** A file's bytes (decoded by the verifier, SPEC §2) or text that arrived as text (a link, a paste). */
  | { kind: "verify"; id: number; config: VerifierConfig; input: string | ArrayBuffer }
  | { kind: "bulk"; id: number; config: VerifierConfig; files: InputFile[] }
  | { kind: "disclose"; id: number; text: string; pointers: string[] };

export type WorkerResponse =
  | {
      kind: "report";
      id: number;
      report: VerificationReport;
      sha256: string;
      elapsedMs: number;
      credentialText: string;
      /** The verdict's cause in words (core's reportHeadline), and what the input was. */
      headline: LocalisedText;
      input: InputKind;
    }
  | { kind: "disclosed"; id: number; text: string }
  | { kind: "bulkStart"; id: number; total: number; unreadableZips: string[]; skipped: SkippedFile[] }
  | { kind: "bulkRows"; id: number; rows: { index: number; row: BulkRow }[] }
  | { kind: "bulkDone"; id: number }
  | { kind: "failed"; id: number; message: string };
