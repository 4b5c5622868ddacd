import type { NextFunction, Request, Response } from "express";
import { BaseError } from "@credanchor/core/protocol";
import { isRpcFailure } from "../chain/isRpcFailure";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
} from "../errors";
import { translate } from "../i18n/translate";
import type { Log } from "../ServiceContext";

const STATUS: [new (...args: never[]) => Error, number][] = [
  [BadRequestError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [GoneError, 410],
  [UnprocessableError, 422],
  [UnavailableError, 503],
];

/** The one place where domain errors become HTTP statuses and bilingual JSON bodies. */
export function handleErrors(log: Log) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const parserType = (error as { type?: string } | null)?.type;
    if (parserType === "entity.too.large") {
      res.status(413).json({ error: { code: "PAYLOAD_TOO_LARGE", message: translate("error.generic", { detail: "request body too large" }) } });
      return;
    }
    if (parserType === "entity.parse.failed" || parserType === "charset.unsupported" || parserType === "encoding.unsupported") {
      res.status(400).json({ error: { code: "INVALID_REQUEST", message: translate("error.generic", { detail: "the body is not valid JSON" }) } });
      return;
    }
    const status = STATUS.find(([type]) => error instanceof type)?.[1];
    if (status !== undefined && error instanceof BaseError) {
      const body: Record<string, unknown> = { error: { code: error.code, message: translate("error.generic", { detail: error.shortMessage }) } };
      if (status === 422 && Array.isArray(error.details)) body.errors = error.details;
      if (status === 400 && Array.isArray(error.details)) (body.error as Record<string, unknown>).fields = error.details;
      res.status(status).json(body);
      return;
    }
    if (isRpcFailure(error)) {
      res.status(503).json({ error: { code: "CHAIN_UNREACHABLE", message: translate("error.generic", { detail: "the chain cannot be reached; try again" }) } });
      return;
    }
    log({ level: "error", event: "request.error", method: req.method, path: req.path, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    res.status(500).json({ error: { code: "INTERNAL", message: translate("error.generic", { detail: "internal error" }) } });
  };
}
