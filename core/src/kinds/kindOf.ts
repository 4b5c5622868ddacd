import type { Credential } from "../Credential";
import type { AnyCredential } from "./AnyCredential";
import type { LetterCredential } from "./LetterCredential";
import { LETTER_TYPE } from "./letterType";
import type { TranscriptCredential } from "./TranscriptCredential";
import { TRANSCRIPT_TYPE } from "./transcriptType";

export const CREDENTIAL_KINDS = ["award", "transcript", "letter"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The kind a credential type names (its third `type`, SPEC §12.1); undefined for a type of no kind. */
export function kindOfType(type: unknown): CredentialKind | undefined {
  if (type === "DegreeCredential") return "award";
  if (type === TRANSCRIPT_TYPE) return "transcript";
  if (type === LETTER_TYPE) return "letter";
  return undefined;
}

/** The kind of a parsed credential (SPEC §12.1): `award`, `transcript` or `letter`. */
export function kindOf(credential: { type: readonly string[] }): CredentialKind {
  return kindOfType(credential.type[2]) ?? "award";
}

export const isAward = (credential: AnyCredential): credential is Credential => kindOf(credential) === "award";
export const isTranscript = (credential: AnyCredential): credential is TranscriptCredential => kindOf(credential) === "transcript";
export const isLetter = (credential: AnyCredential): credential is LetterCredential => kindOf(credential) === "letter";
