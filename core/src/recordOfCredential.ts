import type { Credential } from "./Credential";
import { GraduateRecord } from "./GraduateRecord";
import { InputValidationError } from "./errors";

/**
 * The graduate record a full (undisclosed) credential was built from: buildCredential read backwards, for a service
 * that takes in a batch issued elsewhere. A credential with hidden claims does not carry the whole record and is
 * refused, as is one whose claims no record could have produced.
 */
export function recordOfCredential(credential: Credential): GraduateRecord {
  if (credential.proof.hiddenClaims !== undefined) {
    throw new InputValidationError(`Credential ${credential.id} hides claims; only full credentials can be taken in.`, { code: "INPUT_INVALID_CREDENTIAL" });
  }
  const subject = credential.credentialSubject as Record<string, unknown> & {
    studentId: string;
    name: Record<string, string>;
    degree: Record<string, string>;
    major: Record<string, string>;
    honours?: Record<string, string>;
    awardDate: string;
    gpa?: number;
    dateOfBirth?: string;
  };
  const record = GraduateRecord.safeParse({
    studentId: subject.studentId,
    nameEn: subject.name.en,
    nameZh: subject.name["zh-Hant"],
    degreeEn: subject.degree.en,
    degreeZh: subject.degree["zh-Hant"],
    majorEn: subject.major.en,
    majorZh: subject.major["zh-Hant"],
    ...(subject.honours === undefined ? {} : { honoursEn: subject.honours.en, honoursZh: subject.honours["zh-Hant"] }),
    awardDate: subject.awardDate,
    ...(subject.gpa === undefined ? {} : { gpa: subject.gpa }),
    ...(subject.dateOfBirth === undefined ? {} : { dateOfBirth: subject.dateOfBirth }),
    ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil.slice(0, 10) }),
  });
  if (!record.success) {
    throw new InputValidationError(`Credential ${credential.id} does not hold a graduate record.`, {
      code: "INPUT_INVALID_CREDENTIAL",
      details: record.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return record.data;
}
