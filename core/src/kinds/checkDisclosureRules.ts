import { IntegrityError } from "../errors";
import { listClaims } from "../listClaims";
import type { AnyCredential } from "./AnyCredential";
import { kindOf } from "./kindOf";
import type { TranscriptSection } from "./TranscriptCredential";

const INDEX = "(0|[1-9]\\d*)";
const SECTION_POINTERS: Readonly<Record<TranscriptSection, RegExp>> = {
  dateOfBirth: /^\/credentialSubject\/dateOfBirth$/,
  gpa: new RegExp(`^/credentialSubject/(cumulativeGpa|terms/${INDEX}/gpa)$`),
  marks: new RegExp(`^/credentialSubject/terms/${INDEX}/courses/${INDEX}/mark$`),
};

/** The hideable section of a transcript a claim pointer belongs to (SPEC §12.2); undefined for every other claim. */
export function transcriptSectionOf(pointer: string): TranscriptSection | undefined {
  return (Object.keys(SECTION_POINTERS) as TranscriptSection[]).find((section) => SECTION_POINTERS[section].test(pointer));
}

function notAllowed(pointer: string, message: string): IntegrityError {
  return new IntegrityError(message, { code: "INTEGRITY_HIDDEN_NOT_ALLOWED", details: { pointer } });
}

/**
 * The disclosure rules of a credential's kind (SPEC §12): an award's claims follow SPEC §6.2 alone; a letter hides
 * nothing; a transcript hides only whole sections its issuer listed in `hideable`, so no course, term, grade or credit
 * can be left out. The digest cannot tell a hidden claim from a deleted one, so these rules are what makes a
 * transcript with a failed course removed (and its claims listed as hidden) fail INTEGRITY.
 */
export function checkDisclosureRules(credential: AnyCredential): void {
  const hidden = Object.keys(credential.proof.hiddenClaims ?? {}).map((pointer) => pointer.normalize("NFC"));
  if (hidden.length === 0) return;
  const kind = kindOf(credential);
  if (kind === "award") return;
  if (kind === "letter") throw notAllowed(hidden[0] as string, "Nothing in a certification letter can be hidden.");
  const hideable = new Set<string>((credential.credentialSubject as { hideable?: string[] }).hideable ?? []);
  const hiddenSections = new Set<TranscriptSection>();
  for (const pointer of hidden) {
    const section = transcriptSectionOf(pointer);
    if (section === undefined || !hideable.has(section)) throw notAllowed(pointer, `The transcript's issuer does not let ${pointer} be hidden.`);
    hiddenSections.add(section);
  }
  for (const { pointer } of listClaims(credential)) {
    const section = transcriptSectionOf(pointer);
    if (section !== undefined && hiddenSections.has(section)) throw notAllowed(pointer, `The section ${section} is hidden only in part (${pointer} is shown).`);
  }
}
