import { BaseError, type MessageParams } from "@credanchor/core/protocol";
import type { BatchState } from "./db/schema";
import { translate, translateTo } from "./i18n/translate";

interface ServiceErrorOptions {
  params?: MessageParams;
  details?: unknown;
  cause?: unknown;
}

/**
 * Domain errors of the issuer service. Domain functions throw them; the one error handler (http/handleErrors.ts)
 * maps each class to an HTTP status, so routes never choose status codes themselves. The text of every code is
 * `error.<CODE>` in the service's catalogue (en and zh-Hant), filled from the error's `params`.
 */
abstract class ServiceError<Code extends string> extends BaseError<Code> {
  constructor(code: Code, options: ServiceErrorOptions = {}) {
    super(translateTo("en", `error.${code}` as ApiErrorKey, options.params), { code, ...options });
  }
}

export type BadRequestErrorCode = "INVALID_REQUEST" | "UNSUPPORTED_MEDIA_TYPE" | "KIND_PARTS_MISSING" | "WEBHOOK_TARGET_INTERNAL" | "WEBHOOK_HOST_UNRESOLVED";

/** A request that does not match its schema; `details` names the offending fields. */
export class BadRequestError extends ServiceError<BadRequestErrorCode> {
  override name = "BadRequestError";
}

/** Who the route wants to know: a university's API key, or an organisation (its reviewer's session or its key). */
export type Caller = "university" | "organisation";

export class UnauthenticatedError extends ServiceError<"UNAUTHENTICATED"> {
  override name = "UnauthenticatedError";
  constructor(caller: Caller = "university") {
    super("UNAUTHENTICATED", { params: { credential: translate(`credential.${caller}`) } });
  }
}

export class ForbiddenError extends ServiceError<"FORBIDDEN"> {
  override name = "ForbiddenError";
  /** `required`: the role sets that would be allowed, e.g. `admin | registrar+revoker`. */
  constructor(required: string) {
    super("FORBIDDEN", { params: { required } });
  }
}

/**
 * A change sent with an organisation reviewer's session cookie but without that session's CSRF token in the
 * `X-CSRF-Token` header: another site may have made the browser send it.
 */
export class CsrfRejectedError extends ServiceError<"CSRF_REJECTED"> {
  override name = "CsrfRejectedError";
  constructor() {
    super("CSRF_REJECTED", { params: { header: "X-CSRF-Token" } });
  }
}

/** What a NotFoundError can be about; each has a `resource.<name>` text in the catalogue. */
export type Resource = "apiKey" | "batch" | "credential" | "shareLink" | "request" | "submission" | "route";

export class NotFoundError extends ServiceError<"NOT_FOUND"> {
  override name = "NotFoundError";
  constructor(resource: Resource) {
    super("NOT_FOUND", { params: { resource: translate(`resource.${resource}`) } });
  }
}

export type ConflictErrorCode =
  | "ALREADY_REVOKED"
  | "BATCH_NOT_PUBLISHED"
  | "CHAIN_REFUSED"
  | "IDEMPOTENCY_IN_FLIGHT"
  | "REISSUE_IN_PROGRESS"
  | "REVOCATION_IN_PROGRESS"
  | "NOT_REVOKED"
  | "IMPORT_NOT_ON_CHAIN"
  | "BATCH_EXISTS"
  | "ROTATION_BUSY";

/** The request collides with the current state (a duplicate still in flight, a batch not yet published). */
export class ConflictError extends ServiceError<ConflictErrorCode> {
  override name = "ConflictError";

  /** A batch that must be published first; its state is named in the reader's language. */
  static batchNotPublished(state: BatchState): ConflictError {
    return new ConflictError("BATCH_NOT_PUBLISHED", { params: { state: translate(`state.${state}`) } });
  }
}

export type GoneErrorCode = "SHARE_EXPIRED" | "SHARE_WITHDRAWN" | "SUBMISSION_WITHDRAWN" | "REQUEST_EXPIRED";

/** The resource existed but is gone for good (an expired or withdrawn share link); `code` says which. */
export class GoneError extends ServiceError<GoneErrorCode> {
  override name = "GoneError";
}

export class PayloadTooLargeError extends ServiceError<"PAYLOAD_TOO_LARGE"> {
  override name = "PayloadTooLargeError";
  constructor() {
    super("PAYLOAD_TOO_LARGE");
  }
}

export type UnprocessableErrorCode = "INVALID_ROWS" | "IDEMPOTENCY_KEY_REUSED";

/** The request is well-formed but its content is unacceptable (row errors, idempotency key reused). */
export class UnprocessableError extends ServiceError<UnprocessableErrorCode> {
  override name = "UnprocessableError";
}

export type UnavailableErrorCode = "CHAIN_UNREACHABLE" | "DATABASE_UNAVAILABLE" | "SIGNER_BUSY" | "SECRETS_KEY_MISSING";

/** A dependency (chain, database, content store, the signing key's sender) that cannot do its part right now; the client may retry. */
export class UnavailableError extends ServiceError<UnavailableErrorCode> {
  override name = "UnavailableError";
}

/** Anything not foreseen: the client learns only that it happened, the log keeps the cause. */
export class InternalError extends ServiceError<"INTERNAL"> {
  override name = "InternalError";
  constructor(cause: unknown) {
    super("INTERNAL", { cause });
  }
}

/** Every code the API answers with; each has an English and a Traditional Chinese text. */
export type ApiErrorCode =
  | BadRequestErrorCode
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CSRF_REJECTED"
  | "NOT_FOUND"
  | ConflictErrorCode
  | GoneErrorCode
  | "PAYLOAD_TOO_LARGE"
  | UnprocessableErrorCode
  | UnavailableErrorCode
  | "INTERNAL";

export type ApiErrorKey = `error.${ApiErrorCode}`;

/** Raised by an injected fault hook to simulate the process dying at that point (tests only). */
export class InjectedCrash extends Error {
  override name = "InjectedCrash";
}
