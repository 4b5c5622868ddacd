/**
 * Typed error hierarchy. Every error has a one-line `shortMessage` for people, a stable `code` for programs,
 * optional `details` (structured, e.g. the offending rows) and an optional `cause`. Callers switch on the class or
 * the code; user interfaces show the short message (localised through the i18n catalogue when `messageKey` is set).
 */
export interface BaseErrorOptions {
  code: string;
  details?: unknown;
  cause?: unknown;
}

export class BaseError extends Error {
  override name = "CredAnchorError";
  readonly shortMessage: string;
  readonly code: string;
  readonly details: unknown;

  constructor(shortMessage: string, options: BaseErrorOptions) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.code = options.code;
    this.details = options.details;
  }
}

/** Input text that is not acceptable JSON for CredAnchor (duplicate keys, lone surrogates, `__proto__`, …). */
export class JsonFormatError extends BaseError {
  override name = "JsonFormatError";
}

/** A value that cannot be canonicalised (RFC 8785) or hashed. */
export class CanonicalisationError extends BaseError {
  override name = "CanonicalisationError";
}

/** A document that does not match the credential schema. */
export class CredentialFormatError extends BaseError {
  override name = "CredentialFormatError";
}

/** Graduate input (CSV/JSON rows) that failed validation; `details` lists every row error. */
export class InputValidationError extends BaseError {
  override name = "InputValidationError";
}

/** A batch that cannot form a Merkle tree: empty, oversized, or with duplicate leaves. */
export class MerkleTreeError extends BaseError {
  override name = "MerkleTreeError";
}

/** A chain read or transaction that failed (unreachable RPC, revert, wrong network). */
export class ChainError extends BaseError {
  override name = "ChainError";
}

/** A deployment description that is missing or does not match the chain. */
export class DeploymentError extends BaseError {
  override name = "DeploymentError";
}
