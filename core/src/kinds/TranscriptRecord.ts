import type { TranscriptCourse, TranscriptTerm, UnsignedTranscriptCredential } from "./TranscriptCredential";

type Subject = UnsignedTranscriptCredential["credentialSubject"];

/** One course as the registry records it: grade points come from the grading scale, not from the record. */
export type TranscriptCourseRecord = Omit<TranscriptCourse, "gradePoints">;

/**
 * One student's transcript as validated input (parseTranscriptFile): the transcript's subject without what the
 * issuer adds (its type, the scale reference, grade points), plus the day of issue and an optional last valid day.
 */
export type TranscriptRecord = Omit<Subject, "type" | "gradingScale" | "terms"> & {
  terms: (Omit<TranscriptTerm, "courses"> & { courses: TranscriptCourseRecord[] })[];
  /** `YYYY-MM-DD`: the transcript's validFrom. */
  issuedOn: string;
  validUntil?: string;
};
