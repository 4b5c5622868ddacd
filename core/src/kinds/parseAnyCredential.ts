import type { z } from "zod";
import { parseCredentialWith } from "../parseCredential";
import { Credential } from "../Credential";
import { parseJson } from "../parseJson";
import type { AnyCredential } from "./AnyCredential";
import { kindOfType, type CredentialKind } from "./kindOf";
import { LetterCredential } from "./LetterCredential";
import { TranscriptCredential } from "./TranscriptCredential";

const SCHEMA_OF_KIND: Readonly<Record<CredentialKind, z.ZodType<AnyCredential>>> = { award: Credential, transcript: TranscriptCredential, letter: LetterCredential };

/**
 * Raw text → a credential of any kind: the strict parser of SPEC §2, then the schema of the kind its third `type`
 * names (SPEC §12.1). A document that names no kind is checked against the award schema, so whatever is wrong with
 * it is reported as it always was. Errors as `parseCredential`.
 */
export function parseAnyCredential(text: string): AnyCredential {
  const document = parseJson(text);
  const type = (document as { type?: unknown } | null)?.type;
  const kind = Array.isArray(type) ? kindOfType(type[2]) : undefined;
  return parseCredentialWith(SCHEMA_OF_KIND[kind ?? "award"], document);
}
