import { z } from "zod";
import { CredentialContext, CredentialId, CredentialIssuer, CredentialProof, CredentialText, LocalisedText, UtcDateTime } from "../Credential";
import { LETTER_TYPE } from "./letterType";
import { PLACEHOLDER } from "./letterPlaceholder";

// The constants live apart from the schema so the page can use them without loading zod.
export { LETTER_TYPE, PLACEHOLDER };

/** Names a letter template may use besides its own fields (SPEC §12.3). */
export const LETTER_BUILT_IN_FIELDS = ["name", "studentId"] as const;

const FieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/, "must be a camelCase name of at most 32 characters");

const LetterSubject = z
  .object({
    type: z.tuple([z.literal("AchievementSubject")]),
    studentId: CredentialText,
    name: LocalisedText,
    letter: z
      .object({
        /** The registry's template id, e.g. `proof-of-graduation`. */
        template: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lowercase-hyphenated id").max(64),
        /** Title and body exactly as the template has them, `{field}` placeholders included (renderLetter fills them). */
        title: LocalisedText,
        body: LocalisedText,
        /** The named fields' values: one text for both languages, or a bilingual text. */
        fields: z.record(FieldName, z.union([CredentialText.max(500), LocalisedText])).optional(),
      })
      .strict(),
    /** The office that signs the letter, e.g. the Academic Registrar. */
    signerOffice: LocalisedText,
  })
  .strict()
  .superRefine((subject, context) => {
    const { letter } = subject;
    const known = new Set<string>([...LETTER_BUILT_IN_FIELDS, ...Object.keys(letter.fields ?? {})]);
    for (const part of ["title", "body"] as const) {
      for (const language of ["en", "zh-Hant"] as const) {
        for (const match of letter[part][language].matchAll(PLACEHOLDER)) {
          const field = match[1] as string;
          if (!known.has(field)) context.addIssue({ code: "custom", message: `{${field}} names no field of the letter`, path: ["letter", part, language] });
        }
      }
    }
    for (const field of LETTER_BUILT_IN_FIELDS) {
      if (letter.fields !== undefined && Object.hasOwn(letter.fields, field)) {
        context.addIssue({ code: "custom", message: `${field} is a built-in field`, path: ["letter", "fields", field] });
      }
    }
  });

const LetterShape = {
  "@context": CredentialContext,
  id: CredentialId,
  type: z.tuple([z.literal("VerifiableCredential"), z.literal("OpenBadgeCredential"), z.literal(LETTER_TYPE)]),
  issuer: CredentialIssuer.required({ name: true }),
  /** The day of issue; a letter is valid for a stated period, so validUntil is required. */
  validFrom: UtcDateTime,
  validUntil: UtcDateTime,
  credentialSubject: LetterSubject,
};

const validityOrder = { message: "validUntil must be after validFrom", path: ["validUntil"] };

/** A certification letter (SPEC §12.3) before its proof. */
export const UnsignedLetterCredential = z.object(LetterShape).strict().refine((c) => c.validUntil > c.validFrom, validityOrder);
export type UnsignedLetterCredential = z.infer<typeof UnsignedLetterCredential>;

/** A certification letter as held and verified: nothing in it can be hidden. */
export const LetterCredential = z
  .object({ ...LetterShape, proof: CredentialProof })
  .strict()
  .refine((c) => c.validUntil > c.validFrom, validityOrder);
export type LetterCredential = z.infer<typeof LetterCredential>;
