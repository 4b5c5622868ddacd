import { z } from "zod";

/** Longest text a registrar may put in one field; longer values are almost always a paste error. */
export const MAX_FIELD_LENGTH = 200;

/**
 * Text as it will be hashed and shown: NFC so that the same name typed on different systems hashes the same, and
 * trimmed because spreadsheet cells often carry stray spaces that nobody sees.
 */
const Text = z.string().normalize("NFC").trim().min(1).max(MAX_FIELD_LENGTH);

/** A calendar date `YYYY-MM-DD`; z.iso.date rejects impossible days such as 2026-02-30. */
export const IsoDate = z.iso.date();
/** The pattern IsoDate checks, and all it checks: zod's own, shared with the compiled row check (checkGraduateRow). */
export const ISO_DATE_PATTERN = z.regexes.date;

/** Tolerance for binary floating point: 3.7 * 100 is 370.00000000000006. */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/**
 * One graduate, normalised from a registrar's CSV or JSON row (see core/validateGraduateRecord.ts). Every text exists
 * in English and Traditional Chinese because the credential is bilingual; `.strict()` so a stray field cannot slip
 * into what is anchored. Honours are optional (postgraduate awards have no class) but, like every text, in both
 * languages or in neither.
 */
export const GraduateRecord = z
  .object({
    studentId: Text,
    nameEn: Text,
    nameZh: Text,
    degreeEn: Text,
    degreeZh: Text,
    majorEn: Text,
    majorZh: Text,
    honoursEn: Text.optional(),
    honoursZh: Text.optional(),
    awardDate: IsoDate,
    /** Hong Kong universities grade on a 4.3 scale; two decimals is what transcripts print. */
    gpa: z
      .number()
      .min(0)
      .max(4.3)
      .refine((value) => hasAtMostTwoDecimals(value))
      .optional(),
    dateOfBirth: IsoDate.optional(),
    validUntil: IsoDate.optional(),
  })
  .strict()
  .refine((record) => (record.honoursEn === undefined) === (record.honoursZh === undefined), {
    message: "honoursEn and honoursZh must both be given or both be absent",
    path: ["honoursZh"],
  });
export type GraduateRecord = z.infer<typeof GraduateRecord>;
