import { z } from "zod";
import { checksumAddress } from "./checksumAddress";
import { indexOfUnassigned } from "./indexOfUnassigned";
import { MAX_BATCH_SIZE } from "./merkle";
import { UNICODE_VERSION } from "./unicodeAssigned";

export const W3C_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const PROOF_TYPE = "CredAnchorMerkleProof2026";

/**
 * Claims that must be present in every credential, either visible or listed in `proof.hiddenClaims` (SPEC §6.1).
 * Only the visible document is checked by the member schemas below, so this list is how a hidden required claim
 * still counts as present. Honours are not among them: an award without a class has no honours claim, and a holder
 * cannot drop one that was issued, because the digest covers every claim (SPEC §5).
 */
export const REQUIRED_CLAIMS = [
  "/issuer/name/en",
  "/issuer/name/zh-Hant",
  "/credentialSubject/studentId",
  "/credentialSubject/name/en",
  "/credentialSubject/name/zh-Hant",
  "/credentialSubject/degree/en",
  "/credentialSubject/degree/zh-Hant",
  "/credentialSubject/major/en",
  "/credentialSubject/major/zh-Hant",
  "/credentialSubject/awardDate",
] as const;

export function isChecksummedAddress(value: string): boolean {
  try {
    return checksumAddress(value) === value;
  } catch {
    return false;
  }
}

/** Answers of isCalendarDate: a batch's credentials share their dates. Bounded; cleared when full. */
const calendarDates = new Map<string, boolean>();

export function isCalendarDate(value: string): boolean {
  let known = calendarDates.get(value);
  if (known === undefined) {
    const date = new Date(`${value}T00:00:00Z`);
    known = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    if (calendarDates.size >= 4096) calendarDates.clear();
    calendarDates.set(value, known);
  }
  return known;
}

/** EIP-55 checksummed only: lowercase or wrongly-cased addresses are rejected, never silently normalised. */
/** The patterns and predicates of the schemas below, shared with their compiled twin (checkAwardShape). */
export const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;
export const JSON_POINTER_PATTERN = /^(\/([^~/]|~[01])*)+$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const UTC_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
export const CREDENTIAL_ID_PATTERN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISSUER_ID_PATTERN = /^did:pkh:eip155:[1-9]\d*:(0x[0-9a-fA-F]{40})$/;

export const Address = z
  .string()
  .regex(ADDRESS_PATTERN, "must be a 20-byte hex address")
  .refine(isChecksummedAddress, "must be an EIP-55 checksummed address");
export type Address = z.infer<typeof Address>;

export const Bytes32 = z.string().regex(/^0x[0-9a-f]{64}$/, "must be 32 bytes of lowercase hex");
export type Bytes32 = z.infer<typeof Bytes32>;

/**
 * Free text of a credential: non-empty, and every code point assigned in the Unicode version NFC is taken from
 * (SPEC §3), so every engine normalises and hashes it alike.
 */
export const CredentialText = z
  .string()
  .min(1)
  .refine((text) => indexOfUnassigned(text) === -1, `contains a code point unassigned in Unicode ${UNICODE_VERSION}`);

export function isCredentialText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && indexOfUnassigned(value) === -1;
}

/** A non-empty RFC 6901 JSON Pointer (`~` only as `~0` or `~1`). */
export const JsonPointer = CredentialText.regex(JSON_POINTER_PATTERN, "must be a non-empty RFC 6901 JSON Pointer");
export type JsonPointer = z.infer<typeof JsonPointer>;

export const IsoDate = z.string().regex(ISO_DATE_PATTERN, "must be YYYY-MM-DD").refine(isCalendarDate, "must be a calendar date");
export type IsoDate = z.infer<typeof IsoDate>;

/** RFC 3339 in UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`: one spelling per instant, so nothing to normalise. */
export const UtcDateTime = z
  .string()
  .regex(UTC_DATE_TIME_PATTERN, "must be YYYY-MM-DDTHH:MM:SSZ")
  .refine((value) => isCalendarDate(value.slice(0, 10)), "must be a calendar date");
export type UtcDateTime = z.infer<typeof UtcDateTime>;

/** A bilingual text. Hidden only as a whole (SPEC §6.2), so a visible one always has both languages. */
export const LocalisedText = z.object({ en: CredentialText, "zh-Hant": CredentialText }).strict();
export type LocalisedText = z.infer<typeof LocalisedText>;

export function hasGpaPrecision(value: number): boolean {
  return Number(value.toFixed(2)) === value;
}

const Gpa = z.number().min(0).max(4.3).refine(hasGpaPrecision, "must have at most two decimals");

const AWARD_DATE_MESSAGE = "validFrom must be the award date at 00:00:00Z";

/**
 * SPEC §1: a credential is valid from the day it was awarded, so the date a reader is shown as the award and the
 * moment EXPIRY starts from are one fact. Only checked while the award date is shown (a holder may hide it).
 */
export function startsOnAwardDate(credential: { validFrom: string; credentialSubject: { awardDate?: string | undefined } }): boolean {
  const { awardDate } = credential.credentialSubject;
  return awardDate === undefined || credential.validFrom === `${awardDate}T00:00:00Z`;
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const ISSUER_URL = new RegExp(
  `^https://(${LABEL}(?:\\.${LABEL})*)(?::([1-9][0-9]{0,4}))?(?:/(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$`,
);

/**
 * `issuer.url` (SPEC §1): `https://`, a lowercase DNS host name (labels of letters, digits and inner hyphens, at most
 * 63 characters each and 253 in all), an optional port 1–65535 without leading zeros, an optional path of RFC 3986
 * path and query characters (no fragment, no space, `%` only in `%HH`); at most 2,048 characters. One spelling per
 * address, so the ISSUER check can compare its host with the registered domain.
 */
export function isIssuerUrl(url: string): boolean {
  const match = ISSUER_URL.exec(url);
  return match !== null && (match[1] as string).length <= 253 && (match[2] === undefined || Number(match[2]) <= 65_535);
}

export const IssuerUrl = z.string().max(2048).refine(isIssuerUrl, "must be https://<lowercase host>[:port][/path]");

/** `@context` of every kind (SPEC §1, §12). */
export const CredentialContext = z.tuple([z.literal(W3C_CONTEXT), z.literal(OB_CONTEXT)]);

/** `id`: a lowercase `urn:uuid:` (SPEC §1). */
export const CredentialId = z.string().regex(CREDENTIAL_ID_PATTERN, "must be a lowercase urn:uuid");

/** `issuer` of every kind (SPEC §1): its name and URL are optional here because an award's holder may hide them. */
export const CredentialIssuer = z
  .object({
    id: z
      .string()
      .regex(ISSUER_ID_PATTERN, "must be did:pkh:eip155:<chainId>:<address>")
      .refine((value) => isChecksummedAddress(ISSUER_ID_PATTERN.exec(value)?.[1] ?? ""), "must end in an EIP-55 checksummed address"),
    type: z.tuple([z.literal("Profile")]),
    name: LocalisedText.optional(),
    url: IssuerUrl.optional(),
  })
  .strict();

/**
 * The document as issued, before any claim is hidden: every member of SPEC §1. Hideable members are optional in
 * the schema because `Credential` (below) reuses it for the visible part of a disclosed credential.
 */
export const UnsignedCredential = z
  .object({
    "@context": CredentialContext,
    id: CredentialId,
    type: z.tuple([z.literal("VerifiableCredential"), z.literal("OpenBadgeCredential"), z.literal("DegreeCredential")]),
    issuer: CredentialIssuer,
    validFrom: UtcDateTime,
    validUntil: UtcDateTime.optional(),
    credentialSubject: z
      .object({
        type: z.tuple([z.literal("AchievementSubject")]),
        studentId: CredentialText.optional(),
        name: LocalisedText.optional(),
        degree: LocalisedText.optional(),
        major: LocalisedText.optional(),
        honours: LocalisedText.optional(),
        awardDate: IsoDate.optional(),
        gpa: Gpa.optional(),
        dateOfBirth: IsoDate.optional(),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.validUntil === undefined || c.validUntil > c.validFrom, {
    message: "validUntil must be after validFrom",
    path: ["validUntil"],
  })
  .refine((c) => startsOnAwardDate(c), { message: AWARD_DATE_MESSAGE, path: ["validFrom"] });
export type UnsignedCredential = z.infer<typeof UnsignedCredential>;

export const CredentialProof = z
  .object({
    type: z.literal(PROOF_TYPE),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    anchor: Address,
    issuer: Address,
    signer: Address,
    merkleRoot: Bytes32,
    batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE),
    leafIndex: z.number().int().min(0).max(MAX_BATCH_SIZE - 1),
    // No batch of at most 2^18 leaves has a longer proof: more is not a CredAnchor proof at all (FORMAT, SPEC §6.1).
    merkleProof: z.array(Bytes32).max(18),
    // Any string: what a signature must be (65 bytes of lowercase hex, v 27/28, low s) is SIGNATURE's one code,
    // SIGNATURE_MALFORMED, whatever the reason (SPEC §7), not split between FORMAT and SIGNATURE.
    signature: z.string(),
    salts: z.record(JsonPointer, Bytes32),
    hiddenClaims: z
      .record(JsonPointer, Bytes32)
      .refine((hidden) => Object.keys(hidden).length > 0, "must not be empty; omit it instead")
      .optional(),
  })
  .strict();
export type CredentialProof = z.infer<typeof CredentialProof>;

export function pointerValue(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointer.slice(1).split("/")) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A credential as held and verified: the visible document plus its proof. */
export const Credential = z
  .object({ ...UnsignedCredential.shape, proof: CredentialProof })
  .strict()
  .superRefine((credential, context) => {
    if (credential.validUntil !== undefined && credential.validUntil <= credential.validFrom) {
      context.addIssue({ code: "custom", message: "validUntil must be after validFrom", path: ["validUntil"] });
    }
    if (!startsOnAwardDate(credential)) context.addIssue({ code: "custom", message: AWARD_DATE_MESSAGE, path: ["validFrom"] });
    const hidden = credential.proof.hiddenClaims ?? {};
    for (const pointer of REQUIRED_CLAIMS) {
      if (pointerValue(credential, pointer) === undefined && !Object.hasOwn(hidden, pointer)) {
        context.addIssue({ code: "custom", message: `required claim ${pointer} is neither shown nor hidden`, path: pointer.slice(1).split("/") });
      }
    }
  });
export type Credential = z.infer<typeof Credential>;
