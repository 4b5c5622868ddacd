import type { MessageParams } from "./i18n/createTranslator";

/**
 * Typed error hierarchy (after viem's `BaseError`). Every error has a one-line English `shortMessage` for logs, a
 * stable `code` from its class's literal union for programs, optional `details` (structured, e.g. the offending
 * rows), optional `params` (the values an app's catalogue fills into its `{name}` placeholders for this code) and an
 * optional `cause`. Callers switch on the class; each app shows the text its own catalogue has for the code.
 */
export interface BaseErrorOptions<Code extends string> {
  code: Code;
  details?: unknown;
  params?: MessageParams;
  cause?: unknown;
}

export abstract class BaseError<Code extends string = string> extends Error {
  override name = "CredAnchorError";
  readonly shortMessage: string;
  readonly code: Code;
  readonly details: unknown;
  readonly params: MessageParams;

  constructor(shortMessage: string, options: BaseErrorOptions<Code>) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.code = options.code;
    this.details = options.details;
    this.params = options.params ?? {};
  }
}

export type JsonFormatErrorCode =
  | "FORMAT_INVALID_JSON"
  | "FORMAT_DUPLICATE_KEY"
  | "FORMAT_FORBIDDEN_KEY"
  | "FORMAT_LONE_SURROGATE"
  | "FORMAT_NON_FINITE_NUMBER";

/** Input text that is not acceptable JSON for CredAnchor (duplicate keys, lone surrogates, `__proto__`, …). */
export class JsonFormatError extends BaseError<JsonFormatErrorCode> {
  override name = "JsonFormatError";
}

export type CanonicalisationErrorCode =
  | "CANONICAL_UNSUPPORTED_VALUE"
  | "CANONICAL_EMPTY_CONTAINER"
  | "FORMAT_LONE_SURROGATE"
  | "FORMAT_NON_FINITE_NUMBER"
  | "FORMAT_FORBIDDEN_KEY"
  | "FORMAT_DUPLICATE_KEY";

/** A value that cannot be canonicalised (RFC 8785) or hashed. */
export class CanonicalisationError extends BaseError<CanonicalisationErrorCode> {
  override name = "CanonicalisationError";
}

export type CredentialFormatErrorCode = "FORMAT_SCHEMA" | "FORMAT_SALT_INVALID";

/** A document that does not match the credential schema. */
export class CredentialFormatError extends BaseError<CredentialFormatErrorCode> {
  override name = "CredentialFormatError";
}

export type IntegrityErrorCode = "INTEGRITY_CLAIM_UNSALTED" | "INTEGRITY_SALT_ORPHANED" | "INTEGRITY_HIDDEN_CONFLICT" | "INTEGRITY_HIDDEN_NOT_ALLOWED";

/** Claims, salts and hidden claim hashes that do not fit together (SPEC §6). */
export class IntegrityError extends BaseError<IntegrityErrorCode> {
  override name = "IntegrityError";
}

export type SignatureErrorCode = "SIGNATURE_MALFORMED";

/** A batch signature that no key can have made in canonical form. */
export class SignatureError extends BaseError<SignatureErrorCode> {
  override name = "SignatureError";
}

export type IssuanceErrorCode = "SIGN_SIGNER_MISMATCH" | "WRAP_ISSUER_MISMATCH" | "ISSUER_KEY_UNKNOWN";

/** A batch whose credentials, issuer and signing key do not belong together. */
export class IssuanceError extends BaseError<IssuanceErrorCode> {
  override name = "IssuanceError";
}

export type DisclosureErrorCode =
  | "DISCLOSE_PARTIAL_TEXT"
  | "DISCLOSE_REQUIRED_CLAIM"
  | "DISCLOSE_UNKNOWN_POINTER"
  | "DISCLOSE_NOT_HIDEABLE"
  | "INTEGRITY_CLAIM_UNSALTED";

/** A claim the holder may not hide, a pointer that names no claim, or a claim without the salt hiding needs. */
export class DisclosureError extends BaseError<DisclosureErrorCode> {
  override name = "DisclosureError";
}

export type InputValidationErrorCode = "INPUT_INVALID" | "INVALID_ENCODING" | "INPUT_INVALID_CREDENTIAL";

/** Graduate input (CSV/JSON rows) that failed validation; `details` lists every row error. */
export class InputValidationError extends BaseError<InputValidationErrorCode> {
  override name = "InputValidationError";
}

export type MerkleTreeErrorCode = "MERKLE_EMPTY" | "MERKLE_TOO_LARGE" | "MERKLE_INVALID_LEAF" | "MERKLE_DUPLICATE_LEAF" | "MERKLE_INDEX_OUT_OF_RANGE";

/** A batch that cannot form a Merkle tree: empty, oversized, or with duplicate leaves. */
export class MerkleTreeError extends BaseError<MerkleTreeErrorCode> {
  override name = "MerkleTreeError";
}

export type ContentErrorCode = "CONTENT_TOO_LARGE" | "CONTENT_CID_MISMATCH" | "CONTENT_NOT_GRADING_SCALE";

/**
 * Content that a content store cannot hold (a batch manifest too large), or bytes fetched by a CID that are not what
 * that CID names (another file) or not what the reader expected there (a grading scale, SPEC §12.2).
 */
export class ContentError extends BaseError<ContentErrorCode> {
  override name = "ContentError";
}

export type ChainErrorCode = "CHAIN_UNREACHABLE" | "CHAIN_READ_FAILED" | "CHAIN_UNEXPECTED" | "CHAIN_CHANGED";

/** A chain read or transaction that failed (unreachable RPC, the RPC switched networks). */
export class ChainError extends BaseError<ChainErrorCode> {
  override name = "ChainError";
}

export type KeyErrorCode =
  | "KEY_MISSING"
  | "KEY_INVALID"
  | "KEY_REQUIRED"
  | "KEY_PASSPHRASE_MISSING"
  | "KEY_PASSPHRASE_MISMATCH"
  | "KEY_PASSPHRASE_WRONG"
  | "KEY_PASSPHRASE_WEAK";

/** A signing key that is absent, unreadable or locked with a passphrase that is missing or wrong. */
export class KeyError extends BaseError<KeyErrorCode> {
  override name = "KeyError";
}

export type DeploymentErrorCode = "DEPLOYMENT_MISSING" | "DEPLOYMENT_INVALID" | "DEPLOYMENT_WRONG_CHAIN";

/** A deployment description that is missing or does not match the chain. */
export class DeploymentError extends BaseError<DeploymentErrorCode> {
  override name = "DeploymentError";
}

export type ShareFormatErrorCode = "SHARE_NOT_BASE64URL";

/** Text of a share link or payload that is not what SPEC §11 writes (the link is damaged). */
export class ShareFormatError extends BaseError<ShareFormatErrorCode> {
  override name = "ShareFormatError";
}

export type ShareDecryptionErrorCode = "SHARE_KEY_INVALID" | "SHARE_PAYLOAD_INVALID" | "SHARE_DECRYPTION_FAILED";

/** A shared credential that cannot be decrypted: damaged payload, or a key that is not its key (SPEC §11). */
export class ShareDecryptionError extends BaseError<ShareDecryptionErrorCode> {
  override name = "ShareDecryptionError";
}

/** Every code core's errors carry: each app's catalogue has a text for those it can show. */
export type CoreErrorCode =
  | JsonFormatErrorCode
  | CanonicalisationErrorCode
  | CredentialFormatErrorCode
  | IntegrityErrorCode
  | SignatureErrorCode
  | IssuanceErrorCode
  | DisclosureErrorCode
  | InputValidationErrorCode
  | MerkleTreeErrorCode
  | ContentErrorCode
  | ChainErrorCode
  | KeyErrorCode
  | DeploymentErrorCode
  | ShareFormatErrorCode
  | ShareDecryptionErrorCode;
