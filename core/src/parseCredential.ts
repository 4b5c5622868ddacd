import type { z } from "zod";
import { checkAwardShape } from "./checkAwardShape";
import { Credential } from "./Credential";
import { CredentialFormatError } from "./errors";
import { parseJson } from "./parseJson";

function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function isSaltIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code !== "invalid_key" && issue.path.length === 3 && issue.path[0] === "proof" && issue.path[1] === "salts";
}

/**
 * Raw credential text → typed credential: the strict parser of SPEC §2, then the schema of SPEC §1 and §6. A bad
 * salt value is reported as FORMAT_SALT_INVALID (SPEC §4), every other mismatch as FORMAT_SCHEMA; `details` lists
 * each problem as `{ path, message }` with `path` a JSON Pointer.
 */
export function parseCredential(text: string): Credential {
  return parseCredentialWith(Credential, parseJson(text));
}

/** A parsed JSON document against one kind's schema, with parseCredential's errors (parseAnyCredential picks the kind). */
export function parseCredentialWith<T>(schema: z.ZodType<T>, document: unknown): T {
  // The award schema's compiled twin takes what is plainly valid; anything else, and every error, is the schema's.
  const compiled = schema === (Credential as z.ZodType) ? checkAwardShape(document, true) : undefined;
  if (compiled !== undefined) return compiled as T;
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const details = issues.map((issue) => ({ path: toPointer(issue.path), message: issue.message }));
  if (issues.some(isSaltIssue)) {
    throw new CredentialFormatError("A salt is not 32 bytes of lowercase hex.", { code: "FORMAT_SALT_INVALID", details });
  }
  throw new CredentialFormatError("The document is not a CredAnchor credential.", { code: "FORMAT_SCHEMA", details });
}
