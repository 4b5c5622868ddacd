import type { Credential, UnsignedCredential } from "../Credential";
import type { LetterCredential, UnsignedLetterCredential } from "./LetterCredential";
import type { TranscriptCredential, UnsignedTranscriptCredential } from "./TranscriptCredential";

/** A credential of any kind (SPEC §12): an award (`Credential`, SPEC §1), a transcript or a certification letter. */
export type AnyCredential = Credential | TranscriptCredential | LetterCredential;

/** Any kind before its proof. */
export type AnyUnsignedCredential = UnsignedCredential | UnsignedTranscriptCredential | UnsignedLetterCredential;
