import { BaseError } from "@credanchor/core/protocol";

/**
 * Domain errors of the issuer service. Domain functions throw them; the one error handler in app.ts maps each
 * class to an HTTP status, so routes never choose status codes themselves.
 */
export class NotFoundError extends BaseError {
  override name = "NotFoundError";
  constructor(what: string) {
    super(`${what} not found`, { code: "NOT_FOUND" });
  }
}

/** The request is well-formed but its content is unacceptable (row errors, idempotency key reused). */
export class UnprocessableError extends BaseError {
  override name = "UnprocessableError";
}

/** The request collides with the current state (a duplicate still in flight, a batch not yet published). */
export class ConflictError extends BaseError {
  override name = "ConflictError";
}

/** A request that does not match its schema; `details` names the offending fields. */
export class BadRequestError extends BaseError {
  override name = "BadRequestError";
}

export class UnauthenticatedError extends BaseError {
  override name = "UnauthenticatedError";
  constructor() {
    super("A valid API key is required (Authorization: Bearer <key>)", { code: "UNAUTHENTICATED" });
  }
}

export class ForbiddenError extends BaseError {
  override name = "ForbiddenError";
  constructor(role: string) {
    super(`This API key lacks the ${role} role`, { code: "FORBIDDEN" });
  }
}

/** A dependency (chain, content store) that cannot do its part right now; the client may retry. */
export class UnavailableError extends BaseError {
  override name = "UnavailableError";
}

/** The resource existed but is gone for good (an expired or withdrawn share link); `code` says which. */
export class GoneError extends BaseError {
  override name = "GoneError";
}

/** Raised by an injected fault hook to simulate the process dying at that point (tests only). */
export class InjectedCrash extends Error {
  override name = "InjectedCrash";
}
