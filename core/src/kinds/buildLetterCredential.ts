import type { IssuerProfile } from "../buildCredential";
import { OB_CONTEXT, W3C_CONTEXT } from "../Credential";
import { checkedDocument } from "./checkedDocument";
import { issuerMember } from "./issuerMember";
import { LETTER_TYPE, UnsignedLetterCredential } from "./LetterCredential";
import type { LetterRecord, LetterTemplate } from "./LetterTemplate";

/** The last valid day of a letter issued on `issuedOn` (`YYYY-MM-DD`) for `days` days, the day of issue counted. */
function lastValidDay(issuedOn: string, days: number): string {
  return new Date(Date.parse(`${issuedOn}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One letter record and its template → the certification letter of SPEC §12.3, without proof: the template's title
 * and body as they are, the record's field values beside them (renderLetter puts them together), valid from the day
 * of issue for the template's number of days.
 */
export function buildLetterCredential(record: LetterRecord, template: LetterTemplate, issuer: IssuerProfile, options: { id?: string } = {}): UnsignedLetterCredential {
  const fields = Object.keys(record.fields).length === 0 ? {} : { fields: record.fields };
  const document = {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: options.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential", LETTER_TYPE],
    issuer: issuerMember(issuer),
    validFrom: `${record.issuedOn}T00:00:00Z`,
    validUntil: `${lastValidDay(record.issuedOn, template.validDays)}T23:59:59Z`,
    credentialSubject: {
      type: ["AchievementSubject"],
      studentId: record.studentId,
      name: record.name,
      letter: { template: template.id, title: template.title, body: template.body, ...fields },
      signerOffice: template.signerOffice,
    },
  };
  return checkedDocument(UnsignedLetterCredential, JSON.parse(JSON.stringify(document).normalize("NFC")), record.studentId);
}
