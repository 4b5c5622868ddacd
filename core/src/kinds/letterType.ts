/** The third `type` of a certification letter (SPEC §12.3). */
export const LETTER_TYPE = "CertificationLetterCredential";
