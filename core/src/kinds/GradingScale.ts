import { z } from "zod";
import { canonicalize } from "../canonicalize";
import { contentId } from "../contentId";
import { CredentialText, LocalisedText } from "../Credential";

/** At most two decimals, as transcripts print grade points and GPAs (`Number(x.toFixed(2)) === x`, SPEC §12.2). */
export const TwoDecimals = z
  .number()
  .min(0)
  .refine((value) => Number(value.toFixed(2)) === value, "must have at most two decimals");

/** A grade as a transcript prints it: `A+`, `B-`, `P`, `DIST`, `IP`, or a numeric mark such as `78`. */
export const GradeText = z.string().regex(/^[A-Za-z0-9+-]{1,8}$/, "must be 1 to 8 letters, digits, + or -");

const ScaleGrade = z
  .object({
    grade: GradeText,
    legend: LocalisedText,
    /** Grade points, where the scale has them (a pass/fail or in-progress grade has none). */
    points: TwoDecimals.optional(),
    /** Whether the course's credits are earned with this grade. */
    passing: z.boolean(),
    /** The course is still being taken: its credits are neither attempted nor earned yet. */
    inProgress: z.literal(true).optional(),
  })
  .strict();

/**
 * An issuer's grading scale (SPEC §12.2): the legend a transcript's grades are read with, published once per issuer
 * in the content store and referenced from each transcript by its CID, never copied into it.
 */
export const GradingScale = z
  .object({
    type: z.literal("CredAnchorGradingScale"),
    version: z.literal(1),
    id: CredentialText.max(64),
    name: LocalisedText,
    /** Highest GPA (and grade points) of the scale, e.g. 4.3. */
    maxGpa: TwoDecimals.refine((value) => value > 0, "must be positive"),
    grades: z.array(ScaleGrade).min(1),
    /** Numeric marks the scale also accepts as grades: whole numbers from 0 to `max`, passing from `pass`. */
    marks: z.object({ max: z.number().int().positive().max(1000), pass: z.number().int().min(0), legend: LocalisedText }).strict().optional(),
  })
  .strict()
  .refine((scale) => new Set(scale.grades.map((g) => g.grade)).size === scale.grades.length, { message: "grades must be distinct", path: ["grades"] })
  .refine((scale) => scale.grades.every((g) => g.points === undefined || g.points <= scale.maxGpa), { message: "grade points must not exceed maxGpa", path: ["grades"] })
  .refine((scale) => scale.marks === undefined || scale.marks.pass <= scale.marks.max, { message: "the pass mark must not exceed max", path: ["marks"] });
export type GradingScale = z.infer<typeof GradingScale>;

/** What a scale says about one grade as written on a transcript; undefined for a grade the scale does not know. */
export interface GradeMeaning {
  points?: number;
  passing: boolean;
  inProgress: boolean;
}

/** Looks a transcript grade up in its scale: a listed grade, or a whole-number mark when the scale takes marks. */
export function gradeMeaning(scale: GradingScale, grade: string): GradeMeaning | undefined {
  const listed = scale.grades.find((entry) => entry.grade === grade);
  if (listed !== undefined) return { ...(listed.points === undefined ? {} : { points: listed.points }), passing: listed.passing, inProgress: listed.inProgress === true };
  if (scale.marks === undefined || !/^(0|[1-9]\d*)$/.test(grade) || Number(grade) > scale.marks.max) return undefined;
  return { passing: Number(grade) >= scale.marks.pass, inProgress: false };
}

/**
 * The bytes a scale is published as, `utf8(C(scale))`, and so its CID (SPEC §12.2): anyone who fetched a scale by
 * the CID a transcript names checks it by recomputing the CID from the bytes.
 */
export function gradingScaleBytes(scale: GradingScale): Uint8Array {
  return new TextEncoder().encode(canonicalize(scale));
}

/**
 * CIDs already computed, per scale object with the JSON text it had then: every transcript of a batch names the same
 * scale, and hashing it again cost a third of building each one. A scale changed in place has another text and is
 * hashed again.
 */
const knownCids = new WeakMap<GradingScale, { text: string; cid: string }>();

export function gradingScaleCid(scale: GradingScale): string {
  const text = JSON.stringify(scale);
  const known = knownCids.get(scale);
  if (known?.text === text) return known.cid;
  const cid = contentId(gradingScaleBytes(scale));
  knownCids.set(scale, { text, cid });
  return cid;
}
