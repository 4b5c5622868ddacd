import { isBytes32Hex } from "./bytes32";
import {
  ADDRESS_PATTERN,
  CREDENTIAL_ID_PATTERN,
  type Credential,
  hasGpaPrecision,
  isCalendarDate,
  isChecksummedAddress,
  isCredentialText,
  isIssuerUrl,
  ISO_DATE_PATTERN,
  ISSUER_ID_PATTERN,
  JSON_POINTER_PATTERN,
  OB_CONTEXT,
  PROOF_TYPE,
  REQUIRED_CLAIMS,
  startsOnAwardDate,
  type UnsignedCredential,
  UTC_DATE_TIME_PATTERN,
  W3C_CONTEXT,
} from "./Credential";
import { MAX_BATCH_SIZE } from "./merkle";

type Members = Record<string, unknown>;

/** A JSON object as the schemas take it: not null, not an array, a plain object (what JSON.parse and builders make). */
function isMembers(value: unknown): value is Members {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * `.strict()`: no member outside `allowed`, and no member present with the value undefined (the schemas would take
 * it as absent; this path leaves such documents to them rather than copy that rule).
 */
function hasOnly(value: Members, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key) || value[key] === undefined) return false;
  return true;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isAddress = (value: unknown): value is string => isString(value) && ADDRESS_PATTERN.test(value) && isChecksummedAddress(value);
const isIsoDate = (value: unknown): value is string => isString(value) && ISO_DATE_PATTERN.test(value) && isCalendarDate(value);
const isUtcDateTime = (value: unknown): value is string => isString(value) && UTC_DATE_TIME_PATTERN.test(value) && isCalendarDate(value.slice(0, 10));
const isJsonPointer = (value: string): boolean => isCredentialText(value) && JSON_POINTER_PATTERN.test(value);
const isIntegerIn = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

function literals(value: unknown, expected: readonly string[]): string[] | undefined {
  if (!Array.isArray(value) || value.length !== expected.length) return undefined;
  for (let i = 0; i < expected.length; i++) if (value[i] !== expected[i]) return undefined;
  return [...expected];
}

const LOCALISED = new Set(["en", "zh-Hant"]);
function localised(value: unknown): { en: string; "zh-Hant": string } | undefined {
  if (!isMembers(value) || !hasOnly(value, LOCALISED)) return undefined;
  const { en, "zh-Hant": zh } = value;
  return isCredentialText(en) && isCredentialText(zh) ? { en, "zh-Hant": zh } : undefined;
}

/**
 * Salt keys already found to be JSON Pointers: every credential of a batch has the same few dozen. Bounded, so that
 * hostile input with endless distinct keys cannot grow it.
 */
const knownPointers = new Set<string>();
const MAX_KNOWN_POINTERS = 4096;

function isKnownPointer(key: string): boolean {
  if (knownPointers.has(key)) return true;
  if (!isJsonPointer(key)) return false;
  if (knownPointers.size >= MAX_KNOWN_POINTERS) knownPointers.clear();
  knownPointers.add(key);
  return true;
}

/** `z.record(JsonPointer, Bytes32)`: a copy in the input's order. */
function pointerHashes(value: unknown): Record<string, string> | undefined {
  if (!isMembers(value)) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const hash = value[key];
    // `__proto__` as a member name would set the copy's prototype: left to the schema.
    if (key === "__proto__" || !isKnownPointer(key) || !isString(hash) || !isBytes32Hex(hash)) return undefined;
    out[key] = hash;
  }
  return out;
}

/** REQUIRED_CLAIMS as member names, decoded once (pointerValue's walk, without splitting a pointer per document). */
const REQUIRED_PATHS = REQUIRED_CLAIMS.map((pointer) => ({ pointer, names: pointer.slice(1).split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~")) }));

function isPresent(document: Members, names: readonly string[]): boolean {
  let node: unknown = document;
  for (const name of names) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, name)) return false;
    node = (node as Members)[name];
  }
  return node !== undefined;
}

/** Copies `value[key]` into `out` when present: through `check`, which returns the copy or undefined if invalid. */
function optional(out: Members, value: Members, key: string, check: (member: unknown) => unknown): boolean {
  if (!Object.hasOwn(value, key)) return true;
  const member = check(value[key]);
  if (member === undefined) return false;
  out[key] = member;
  return true;
}

const same = <T>(test: (member: unknown) => member is T) => (member: unknown) => (test(member) ? member : undefined);
const text = same(isCredentialText);
const isoDate = same(isIsoDate);
const utcDateTime = same(isUtcDateTime);
const gpa = (member: unknown) => (typeof member === "number" && Number.isFinite(member) && member >= 0 && member <= 4.3 && hasGpaPrecision(member) ? member : undefined);
const issuerUrl = (member: unknown) => (isString(member) && member.length <= 2048 && isIssuerUrl(member) ? member : undefined);

const ISSUER = new Set(["id", "type", "name", "url"]);
function issuer(value: unknown): Members | undefined {
  if (!isMembers(value) || !hasOnly(value, ISSUER)) return undefined;
  const { id } = value;
  if (!isString(id) || !isChecksummedAddress(ISSUER_ID_PATTERN.exec(id)?.[1] ?? "")) return undefined;
  const type = literals(value.type, ["Profile"]);
  if (type === undefined) return undefined;
  const out: Members = { id, type };
  return optional(out, value, "name", localised) && optional(out, value, "url", issuerUrl) ? out : undefined;
}

const SUBJECT = new Set(["type", "studentId", "name", "degree", "major", "honours", "awardDate", "gpa", "dateOfBirth"]);
function subject(value: unknown): Members | undefined {
  if (!isMembers(value) || !hasOnly(value, SUBJECT)) return undefined;
  const type = literals(value.type, ["AchievementSubject"]);
  if (type === undefined) return undefined;
  const out: Members = { type };
  const valid =
    optional(out, value, "studentId", text) &&
    optional(out, value, "name", localised) &&
    optional(out, value, "degree", localised) &&
    optional(out, value, "major", localised) &&
    optional(out, value, "honours", localised) &&
    optional(out, value, "awardDate", isoDate) &&
    optional(out, value, "gpa", gpa) &&
    optional(out, value, "dateOfBirth", isoDate);
  return valid ? out : undefined;
}

const PROOF = new Set(["type", "chainId", "anchor", "issuer", "signer", "merkleRoot", "batchSize", "leafIndex", "merkleProof", "signature", "salts", "hiddenClaims"]);
function proof(value: unknown): Members | undefined {
  if (!isMembers(value) || !hasOnly(value, PROOF)) return undefined;
  const { type, chainId, anchor, issuer: issuerAddress, signer, merkleRoot, batchSize, leafIndex, merkleProof, signature } = value;
  if (type !== PROOF_TYPE || !isIntegerIn(chainId, 1, Number.MAX_SAFE_INTEGER)) return undefined;
  if (!isAddress(anchor) || !isAddress(issuerAddress) || !isAddress(signer) || !isString(merkleRoot) || !isBytes32Hex(merkleRoot)) return undefined;
  if (!isIntegerIn(batchSize, 1, MAX_BATCH_SIZE) || !isIntegerIn(leafIndex, 0, MAX_BATCH_SIZE - 1)) return undefined;
  if (!Array.isArray(merkleProof) || merkleProof.length > 18 || !merkleProof.every((node) => isString(node) && isBytes32Hex(node))) return undefined;
  const salts = pointerHashes(value.salts);
  if (!isString(signature) || salts === undefined) return undefined;
  const out: Members = { type, chainId, anchor, issuer: issuerAddress, signer, merkleRoot, batchSize, leafIndex, merkleProof: [...merkleProof], signature, salts };
  const hiddenClaims = (member: unknown) => {
    const hidden = pointerHashes(member);
    return hidden !== undefined && Object.keys(hidden).length > 0 ? hidden : undefined;
  };
  return optional(out, value, "hiddenClaims", hiddenClaims) ? out : undefined;
}

const DOCUMENT = new Set(["@context", "id", "type", "issuer", "validFrom", "validUntil", "credentialSubject"]);
const CREDENTIAL = new Set([...DOCUMENT, "proof"]);
const CONTEXT = [W3C_CONTEXT, OB_CONTEXT];
const TYPE = ["VerifiableCredential", "OpenBadgeCredential", "DegreeCredential"];

/**
 * The award schemas (`UnsignedCredential`, or `Credential` with `proof`) compiled by hand for the hot paths: issuing
 * builds, and verifying parses, thousands of documents of this one shape, where zod's general walk costs more than
 * the hashing. Returns what the schema's parse returns — a copy with the members in the schema's order — or
 * undefined whenever the document is not plainly valid; callers then run the zod schema itself, so every refusal
 * and its messages are zod's. It uses the schemas' own patterns and predicates; test/core/checkAwardShape.test.ts
 * checks on valid and mutated documents that it accepts exactly what the schemas accept, with the same result.
 */
export function checkAwardShape(document: unknown, withProof: true): Credential | undefined;
export function checkAwardShape(document: unknown, withProof: false): UnsignedCredential | undefined;
export function checkAwardShape(document: unknown, withProof: boolean): Credential | UnsignedCredential | undefined {
  if (!isMembers(document) || !hasOnly(document, withProof ? CREDENTIAL : DOCUMENT)) return undefined;
  const context = literals(document["@context"], CONTEXT);
  const type = literals(document.type, TYPE);
  const { id, validFrom } = document;
  if (context === undefined || !isString(id) || !CREDENTIAL_ID_PATTERN.test(id) || type === undefined || !isUtcDateTime(validFrom)) return undefined;
  const issued = issuer(document.issuer);
  const credentialSubject = subject(document.credentialSubject);
  if (issued === undefined || credentialSubject === undefined) return undefined;
  const out: Members = { "@context": context, id, type, issuer: issued, validFrom };
  if (!optional(out, document, "validUntil", utcDateTime)) return undefined;
  out.credentialSubject = credentialSubject;
  const validUntil = out.validUntil as string | undefined;
  if ((validUntil !== undefined && validUntil <= validFrom) || !startsOnAwardDate(out as { validFrom: string; credentialSubject: { awardDate?: string } })) return undefined;
  if (!withProof) return out as UnsignedCredential;
  const proven = proof(document.proof);
  if (proven === undefined) return undefined;
  out.proof = proven;
  const hidden = (proven.hiddenClaims ?? {}) as Record<string, string>;
  for (const { pointer, names } of REQUIRED_PATHS) if (!isPresent(out, names) && !Object.hasOwn(hidden, pointer)) return undefined;
  return out as Credential;
}
