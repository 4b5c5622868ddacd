import type { GraduateRecord } from "../GraduateRecord";
import type { GradingScale } from "./GradingScale";
import type { LetterRecord, LetterTemplate } from "./LetterTemplate";
import type { TranscriptSection } from "./TranscriptCredential";
import type { TranscriptRecord } from "./TranscriptRecord";

/**
 * What a batch of one kind is issued with besides its rows (SPEC §12): nothing more for awards; for transcripts the
 * grading scale (named by its CID in every transcript) and the sections holders may hide; for letters the template.
 */
export type IssueKind =
  | { kind: "award" }
  | { kind: "transcript"; scale: GradingScale; hideable: readonly TranscriptSection[] }
  | { kind: "letter"; template: LetterTemplate };

/** One validated input record of any kind: a graduate, a student's transcript, or a letter. */
export type KindRecord = GraduateRecord | TranscriptRecord | LetterRecord;
