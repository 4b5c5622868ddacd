import { checkAwardShape } from "./checkAwardShape";
import { OB_CONTEXT, UnsignedCredential, W3C_CONTEXT } from "./Credential";
import { InputValidationError } from "./errors";
import type { GraduateRecord } from "./GraduateRecord";
import { issuerMember } from "./kinds/issuerMember";

export interface IssuerProfile {
  /** Registry issuer id (an address, any case with a valid checksum); written EIP-55 checksummed. */
  id: string;
  chainId: number;
  nameEn: string;
  nameZh: string;
  /** Host name of the issuer's web site, e.g. `harbour.example.edu`; becomes `issuer.url`. */
  domain?: string;
}

const nfc = (text: string) => text.normalize("NFC");

/**
 * One graduate record → the credential document of SPEC §1, without proof. The result is checked against the
 * schema so an issuer can never produce a document its own verifier would reject.
 */
export function buildCredential(record: GraduateRecord, issuer: IssuerProfile, options: { id?: string } = {}): UnsignedCredential {
  const document = {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: options.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"],
    issuer: issuerMember(issuer),
    validFrom: `${record.awardDate}T00:00:00Z`,
    ...(record.validUntil === undefined ? {} : { validUntil: `${record.validUntil}T23:59:59Z` }),
    credentialSubject: {
      type: ["AchievementSubject"],
      studentId: nfc(record.studentId),
      name: { en: nfc(record.nameEn), "zh-Hant": nfc(record.nameZh) },
      degree: { en: nfc(record.degreeEn), "zh-Hant": nfc(record.degreeZh) },
      major: { en: nfc(record.majorEn), "zh-Hant": nfc(record.majorZh) },
      // No honours claim at all for an award without a class (SPEC §1): an empty one would be a claim of nothing.
      ...(record.honoursEn === undefined || record.honoursZh === undefined
        ? {}
        : { honours: { en: nfc(record.honoursEn), "zh-Hant": nfc(record.honoursZh) } }),
      awardDate: record.awardDate,
      ...(record.gpa === undefined ? {} : { gpa: record.gpa }),
      ...(record.dateOfBirth === undefined ? {} : { dateOfBirth: record.dateOfBirth }),
    },
  };
  // The schema's compiled twin first (see checkAwardShape); the schema itself reports what is wrong.
  const compiled = checkAwardShape(document, false);
  if (compiled !== undefined) return compiled;
  const result = UnsignedCredential.safeParse(document);
  if (!result.success) {
    throw new InputValidationError(`Record ${record.studentId} does not make a valid credential.`, {
      code: "INPUT_INVALID_CREDENTIAL",
      details: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return result.data;
}
