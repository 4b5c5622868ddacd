import { isDatabaseUnavailable } from "../db/isDatabaseUnavailable";
import type { NextFunction, Request, Response } from "express";
import { isRpcFailure } from "@credanchor/core/chain";
import {
  BadRequestError,
  ConflictError,
  CsrfRejectedError,
  ForbiddenError,
  GoneError,
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
  type ApiErrorCode,
  type ApiErrorKey,
} from "../errors";
import { translate } from "../i18n/translate";
import type { Log } from "../ServiceContext";

/** Every error class the API answers with, and its status: the one table of statuses. */
const STATUS = [
  [BadRequestError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [CsrfRejectedError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [GoneError, 410],
  [PayloadTooLargeError, 413],
  [UnprocessableError, 422],
  [InternalError, 500],
  [UnavailableError, 503],
] as const;
type ApiError = InstanceType<(typeof STATUS)[number][0]>;

/**
 * The service's own error for anything thrown: body-parser refusals and chain failures get their code, everything
 * else becomes INTERNAL (its message stays in the log; clients learn nothing of the internals).
 */
function toApiError(error: unknown): ApiError {
  if (STATUS.some(([type]) => error instanceof type)) return error as ApiError;
  const parserType = (error as { type?: string } | null)?.type;
  if (parserType === "entity.too.large") return new PayloadTooLargeError();
  if (parserType === "entity.parse.failed" || parserType === "charset.unsupported" || parserType === "encoding.unsupported") {
    return new BadRequestError("INVALID_REQUEST", { details: [{ field: "body", message: "not valid JSON" }], cause: error });
  }
  // Covers core's ChainError CHAIN_UNREACHABLE as well as raw ethers failures.
  if (isRpcFailure(error)) return new UnavailableError("CHAIN_UNREACHABLE", { cause: error });
  if (isDatabaseUnavailable(error)) return new UnavailableError("DATABASE_UNAVAILABLE", { cause: error });
  return new InternalError(error);
}

/** The one place where errors become HTTP statuses and bilingual JSON bodies `{ code, message: { en, zh-Hant } }`. */
export function handleErrors(log: Log) {
  return (thrown: unknown, req: Request, res: Response, _next: NextFunction) => {
    const error = toApiError(thrown);
    const status = STATUS.find(([type]) => error instanceof type)![1];
    if (error instanceof InternalError) {
      log({ level: "error", event: "request.error", method: req.method, path: req.path, error: thrown instanceof Error ? thrown.message.slice(0, 500) : String(thrown) });
    }
    const code: ApiErrorCode = error.code;
    const message = translate(`error.${code}` satisfies ApiErrorKey, error.params);
    const body: Record<string, unknown> = { error: { code, message } };
    if (error instanceof UnprocessableError && Array.isArray(error.details)) {
      // `errors` may be only the first ones (parseGraduateFile caps the list); `errorCount` is always the total.
      body.errors = error.details;
      body.errorCount = typeof error.params.count === "number" ? error.params.count : error.details.length;
    }
    if (error instanceof BadRequestError && Array.isArray(error.details)) (body.error as Record<string, unknown>).fields = error.details;
    res.status(status).json(body);
  };
}
