import { isAward, isTranscript, listClaims, transcriptSectionOf, type AnyCredential } from "@credanchor/core/protocol";
import { PortalError } from "./PortalError";

/** An award's claims a graduate may hide from a share link; the rest say what the credential is and stay shown. */
const AWARD_FIELDS = ["gpa", "dateOfBirth", "honours", "major", "studentId"] as const;
/** Every choice the share form can carry: an award's fields and a transcript's sections (SPEC §12.2). */
export const HIDE_CHOICES = [...AWARD_FIELDS, "marks"] as const;
export type HideChoice = (typeof HIDE_CHOICES)[number];

/**
 * What this credential lets its holder hide, with a claim pointer for each: an award's fields it carries; the
 * sections of a transcript its issuer made hideable and that it has (core's disclose widens the pointer to the whole
 * section); nothing of a letter.
 */
export function hideChoices(credential: AnyCredential): Map<HideChoice, string> {
  const choices = new Map<HideChoice, string>();
  if (isAward(credential)) {
    for (const field of AWARD_FIELDS) if (credential.credentialSubject[field] !== undefined) choices.set(field, `/credentialSubject/${field}`);
  } else if (isTranscript(credential)) {
    const claims = listClaims(credential).map(({ pointer }) => pointer);
    for (const section of credential.credentialSubject.hideable ?? []) {
      const pointer = claims.find((claim) => transcriptSectionOf(claim) === section);
      if (pointer !== undefined) choices.set(section, pointer);
    }
  }
  return choices;
}

/** The pointers to hide for the choices a form sent; a choice this credential does not offer is a bad form. */
export function hiddenPointers(credential: AnyCredential, chosen: readonly HideChoice[]): string[] {
  const choices = hideChoices(credential);
  return chosen.map((choice) => {
    const pointer = choices.get(choice);
    if (pointer === undefined) throw new PortalError("INVALID_FORM");
    return pointer;
  });
}
