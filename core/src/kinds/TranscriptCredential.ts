import { z } from "zod";
import { CredentialContext, CredentialId, CredentialIssuer, CredentialProof, CredentialText, IsoDate, LocalisedText, UtcDateTime } from "../Credential";
import { GradeText, TwoDecimals } from "./GradingScale";
import { TRANSCRIPT_TYPE } from "./transcriptType";

// The constant lives apart from the schema so the page can use it without loading zod.
export { TRANSCRIPT_TYPE };

/** Sections of a transcript the issuer may let its holder hide, each only as a whole (SPEC §12.2). */
export const TRANSCRIPT_SECTIONS = ["dateOfBirth", "gpa", "marks"] as const;
export type TranscriptSection = (typeof TRANSCRIPT_SECTIONS)[number];

/** A CIDv0 (base58btc multihash of sha2-256), the form the content store and a Kubo node give. */
const Cid = z.string().regex(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/, "must be a CIDv0");

export const TranscriptCourse = z
  .object({
    code: CredentialText.max(32),
    title: LocalisedText,
    credits: TwoDecimals.max(100),
    /** As issued, looked up in the grading scale: a letter with +/-, P/F, a distinction, a numeric mark, in progress. */
    grade: GradeText,
    /** Copied from the scale for a grade that has points. */
    gradePoints: TwoDecimals.optional(),
    marker: z.enum(["repeat", "exemption", "transfer"]).optional(),
    /** A numeric mark beside the grade (section `marks`). */
    mark: TwoDecimals.max(1000).optional(),
  })
  .strict();
export type TranscriptCourse = z.infer<typeof TranscriptCourse>;

export const TranscriptTerm = z
  .object({
    id: CredentialText.max(32),
    name: LocalisedText,
    startDate: IsoDate,
    courses: z.array(TranscriptCourse).min(1),
    /** Section `gpa`. */
    gpa: TwoDecimals.optional(),
  })
  .strict()
  .refine((term) => new Set(term.courses.map((course) => course.code)).size === term.courses.length, {
    message: "a course appears twice in one term",
    path: ["courses"],
  });
export type TranscriptTerm = z.infer<typeof TranscriptTerm>;

const STATUS_DATE = { completed: "completionDate", "in-progress": "asOf", withdrawn: "withdrawalDate" } as const;

const TranscriptSubject = z
  .object({
    type: z.tuple([z.literal("AchievementSubject")]),
    studentId: CredentialText,
    name: LocalisedText,
    /** Section `dateOfBirth`. */
    dateOfBirth: IsoDate.optional(),
    programme: LocalisedText,
    studyMode: z.enum(["full-time", "part-time"]),
    admissionDate: IsoDate,
    status: z.enum(["completed", "in-progress", "withdrawn"]),
    completionDate: IsoDate.optional(),
    asOf: IsoDate.optional(),
    withdrawalDate: IsoDate.optional(),
    gradingScale: z.object({ id: CredentialText.max(64), cid: Cid }).strict(),
    terms: z.array(TranscriptTerm).min(1),
    /** Section `gpa`. */
    cumulativeGpa: TwoDecimals.optional(),
    creditsAttempted: TwoDecimals.max(10_000),
    creditsEarned: TwoDecimals.max(10_000),
    /** The `id` of the award credential this transcript belongs to. */
    degreeCredential: CredentialId.optional(),
    /** The sections the issuer lets the holder hide; absent when none. */
    hideable: z
      .array(z.enum(TRANSCRIPT_SECTIONS))
      .min(1)
      .refine((list) => list.every((section, i) => i === 0 || TRANSCRIPT_SECTIONS.indexOf(section) > TRANSCRIPT_SECTIONS.indexOf(list[i - 1] as TranscriptSection)), "must list distinct sections in the order dateOfBirth, gpa, marks")
      .optional(),
  })
  .strict()
  .superRefine((subject, context) => {
    // Exactly the date its status has: a completion date, an as-of date while in progress, a withdrawal date.
    for (const [status, member] of Object.entries(STATUS_DATE)) {
      const present = subject[member] !== undefined;
      if (present !== (subject.status === status)) {
        context.addIssue({ code: "custom", message: `${member} is required exactly when status is ${status}`, path: [member] });
      }
    }
    subject.terms.forEach((term, index) => {
      if (index > 0 && term.startDate <= (subject.terms[index - 1] as TranscriptTerm).startDate) {
        context.addIssue({ code: "custom", message: "terms must be in order of their start dates", path: ["terms", index, "startDate"] });
      }
    });
    if ((subject.terms[0] as TranscriptTerm).startDate < subject.admissionDate) {
      context.addIssue({ code: "custom", message: "the first term starts before admission", path: ["terms", 0, "startDate"] });
    }
  });

const TranscriptShape = {
  "@context": CredentialContext,
  id: CredentialId,
  type: z.tuple([z.literal("VerifiableCredential"), z.literal("OpenBadgeCredential"), z.literal(TRANSCRIPT_TYPE)]),
  // An issuer's name is shown on every transcript: only the sections of `hideable` can be hidden.
  issuer: CredentialIssuer.required({ name: true }),
  validFrom: UtcDateTime,
  validUntil: UtcDateTime.optional(),
  credentialSubject: TranscriptSubject,
};

const validityOrder = { message: "validUntil must be after validFrom", path: ["validUntil"] };

/** A transcript (SPEC §12.2) before its proof. */
export const UnsignedTranscriptCredential = z
  .object(TranscriptShape)
  .strict()
  .refine((c) => c.validUntil === undefined || c.validUntil > c.validFrom, validityOrder);
export type UnsignedTranscriptCredential = z.infer<typeof UnsignedTranscriptCredential>;

/** A transcript as held and verified. */
export const TranscriptCredential = z
  .object({ ...TranscriptShape, proof: CredentialProof })
  .strict()
  .refine((c) => c.validUntil === undefined || c.validUntil > c.validFrom, validityOrder);
export type TranscriptCredential = z.infer<typeof TranscriptCredential>;
