import { isAward, isLetter, listClaims, transcriptSectionOf, type AnyCredential } from "@credanchor/core/protocol";
import type { Hideable } from "./RequestInput";

/**
 * The claims of `credential` to hide for what the graduate chose: an award's named claims it has; a transcript's
 * claims of each chosen section its issuer lets holders hide; a letter's nothing (a letter hides nothing, SPEC §12).
 * What does not apply to a credential is left out, so one choice serves every credential of a submission.
 */
export function hiddenPointers(credential: AnyCredential, hide: readonly Hideable[]): string[] {
  if (isAward(credential)) return hide.filter((field) => field !== "marks" && credential.credentialSubject[field] !== undefined).map((field) => `/credentialSubject/${field}`);
  if (isLetter(credential)) return [];
  const hideable = new Set<string>((credential.credentialSubject as { hideable?: string[] }).hideable ?? []);
  return listClaims(credential)
    .map((claim) => claim.pointer)
    .filter((pointer) => {
      const section = transcriptSectionOf(pointer);
      return section !== undefined && hideable.has(section) && (hide as readonly string[]).includes(section);
    });
}
