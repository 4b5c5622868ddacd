import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/openDatabase";
import { authenticateApiKey, type ApiKeyInfo } from "../domain/apiKeys";
import { UnauthenticatedError } from "../errors";

/** The authenticated key of this request (set by `authenticate`). */
export function actorOf(res: Response): ApiKeyInfo {
  return res.locals.apiKey as ApiKeyInfo;
}

/** Requires `Authorization: Bearer <api key>`; the key itself never leaves this function (nor reaches a log). */
export function authenticate(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const info = match === null ? null : await authenticateApiKey(db, match[1]!);
    if (info === null) return next(new UnauthenticatedError());
    res.locals.apiKey = info;
    next();
  };
}
