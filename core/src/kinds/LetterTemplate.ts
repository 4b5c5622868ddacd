import { z } from "zod";
import { LocalisedText } from "../Credential";

/**
 * A registry's letter template (SPEC §12.3): bilingual title and body with `{field}` placeholders, the fields it
 * needs (each one text for both languages, or `bilingual` with a text per language), the signing office, and how
 * many days a letter stays valid from its day of issue.
 */
export const LetterTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64),
    title: LocalisedText,
    body: LocalisedText,
    fields: z.array(z.object({ name: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), bilingual: z.boolean().optional() }).strict()),
    signerOffice: LocalisedText,
    validDays: z.number().int().min(1).max(3660),
  })
  .strict()
  .refine((template) => new Set(template.fields.map((field) => field.name)).size === template.fields.length, { message: "fields must be distinct", path: ["fields"] });
export type LetterTemplate = z.infer<typeof LetterTemplate>;

/** One letter as validated input: whose it is, the template's field values, and its day of issue. */
export interface LetterRecord {
  studentId: string;
  name: LocalisedText;
  fields: Record<string, string | LocalisedText>;
  /** `YYYY-MM-DD`. */
  issuedOn: string;
}
