import { membersOf, readLocalisedText, type LocalisedText } from "@credanchor/core/protocol";

/** The human-readable part of a credential, as far as the (untrusted) document provides it. */
export interface CredentialContent {
  id?: string;
  studentId?: string;
  name?: Partial<LocalisedText>;
  degree?: Partial<LocalisedText>;
  major?: Partial<LocalisedText>;
  honours?: Partial<LocalisedText>;
  awardDate?: string;
  gpa?: number;
  dateOfBirth?: string;
  validFrom?: string;
  validUntil?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads what to display from the credential text. Only called once FORMAT passed (so the text is a credential), and
 * only ever read field by field: a hidden claim is simply absent, and a bilingual text may have one half hidden.
 */
export function credentialContent(credentialText: string): CredentialContent {
  const document = membersOf(JSON.parse(credentialText));
  const subject = membersOf(document.credentialSubject);
  const gpa = subject.gpa;
  return {
    id: text(document.id),
    studentId: text(subject.studentId),
    name: readLocalisedText(subject.name),
    degree: readLocalisedText(subject.degree),
    major: readLocalisedText(subject.major),
    honours: readLocalisedText(subject.honours),
    awardDate: text(subject.awardDate),
    gpa: typeof gpa === "number" ? gpa : undefined,
    dateOfBirth: text(subject.dateOfBirth),
    validFrom: text(document.validFrom),
    validUntil: text(document.validUntil),
  };
}
