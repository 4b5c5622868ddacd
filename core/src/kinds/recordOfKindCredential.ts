import { InputValidationError } from "../errors";
import { recordOfCredential } from "../recordOfCredential";
import type { AnyCredential } from "./AnyCredential";
import type { KindRecord } from "./IssueKind";
import { isLetter, isTranscript } from "./kindOf";
import type { LetterTemplate } from "./LetterTemplate";
import type { TranscriptSection } from "./TranscriptCredential";
import type { TranscriptRecord } from "./TranscriptRecord";

/**
 * What a credential names of what it was issued with: nothing more for an award; a transcript's grading scale by id
 * and CID (the scale itself is published apart, SPEC §12.2) and its hideable sections; a letter's whole template.
 */
export type KindOfCredential =
  | { kind: "award" }
  | { kind: "transcript"; scale: { id: string; cid: string }; hideable: TranscriptSection[] }
  | { kind: "letter"; template: LetterTemplate };

const DAY_MS = 86_400_000;

/**
 * buildKindCredential read backwards, for a service that takes in a batch issued elsewhere: the record a full
 * (undisclosed) credential of any kind was built from, and what its kind was issued with. A credential with hidden
 * claims does not carry the whole record and is refused.
 */
export function recordOfKindCredential(credential: AnyCredential): { record: KindRecord; kind: KindOfCredential } {
  if (credential.proof.hiddenClaims !== undefined) {
    throw new InputValidationError(`Credential ${credential.id} hides claims; only full credentials can be taken in.`, { code: "INPUT_INVALID_CREDENTIAL" });
  }
  const issuedOn = credential.validFrom.slice(0, 10);
  if (isTranscript(credential)) {
    const { type: _type, gradingScale, terms, hideable, ...subject } = credential.credentialSubject;
    const record: TranscriptRecord = {
      ...subject,
      ...(hideable === undefined ? {} : { hideable }),
      terms: terms.map((term) => ({ ...term, courses: term.courses.map(({ gradePoints: _points, ...course }) => course) })),
      issuedOn,
      ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil.slice(0, 10) }),
    };
    return { record, kind: { kind: "transcript", scale: gradingScale, hideable: hideable ?? [] } };
  }
  if (isLetter(credential)) {
    const { studentId, name, letter, signerOffice } = credential.credentialSubject;
    const fields = letter.fields ?? {};
    const template: LetterTemplate = {
      id: letter.template,
      title: letter.title,
      body: letter.body,
      fields: Object.entries(fields).map(([field, value]) => (typeof value === "string" ? { name: field } : { name: field, bilingual: true })),
      signerOffice,
      // The day of issue counts: valid from its 00:00:00Z to the last valid day's 23:59:59Z.
      validDays: Math.round((Date.parse(`${credential.validUntil.slice(0, 10)}T00:00:00Z`) - Date.parse(`${issuedOn}T00:00:00Z`)) / DAY_MS) + 1,
    };
    return { record: { studentId, name, fields, issuedOn }, kind: { kind: "letter", template } };
  }
  return { record: recordOfCredential(credential), kind: { kind: "award" } };
}
