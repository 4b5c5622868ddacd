/** The third `type` of a transcript (SPEC §12.2). */
export const TRANSCRIPT_TYPE = "TranscriptCredential";
