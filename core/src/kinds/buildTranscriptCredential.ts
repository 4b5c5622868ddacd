import type { IssuerProfile } from "../buildCredential";
import { OB_CONTEXT, W3C_CONTEXT } from "../Credential";
import { InputValidationError } from "../errors";
import { checkedDocument } from "./checkedDocument";
import { issuerMember } from "./issuerMember";
import { gradeMeaning, gradingScaleCid, type GradingScale } from "./GradingScale";
import { TRANSCRIPT_TYPE, UnsignedTranscriptCredential } from "./TranscriptCredential";
import type { TranscriptRecord } from "./TranscriptRecord";

/**
 * One student's transcript record → the transcript of SPEC §12.2, without proof: the grading scale is referenced by
 * its CID and each course with points on that scale gets them. A grade the scale does not know is refused.
 */
export function buildTranscriptCredential(record: TranscriptRecord, issuer: IssuerProfile, scale: GradingScale, options: { id?: string } = {}): UnsignedTranscriptCredential {
  const { terms, issuedOn, validUntil, ...subject } = record;
  const document = {
    "@context": [W3C_CONTEXT, OB_CONTEXT],
    id: options.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential", TRANSCRIPT_TYPE],
    issuer: issuerMember(issuer),
    validFrom: `${issuedOn}T00:00:00Z`,
    ...(validUntil === undefined ? {} : { validUntil: `${validUntil}T23:59:59Z` }),
    credentialSubject: {
      type: ["AchievementSubject"],
      ...subject,
      gradingScale: { id: scale.id, cid: gradingScaleCid(scale) },
      terms: terms.map((term) => ({
        ...term,
        courses: term.courses.map((course) => {
          const meaning = gradeMeaning(scale, course.grade);
          if (meaning === undefined) {
            throw new InputValidationError(`Grade ${course.grade} of ${record.studentId} is not on scale ${scale.id}.`, { code: "INPUT_INVALID_CREDENTIAL" });
          }
          return meaning.points === undefined ? course : { ...course, gradePoints: meaning.points };
        }),
      })),
    },
  };
  return checkedDocument(UnsignedTranscriptCredential, JSON.parse(JSON.stringify(document).normalize("NFC")), record.studentId);
}
