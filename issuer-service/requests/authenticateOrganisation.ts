import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/openDatabase";
import { UnauthenticatedError } from "../errors";
import { authenticateOrganisationKey, type OrganisationActor } from "./organisations";

/** The organisation key of this request (set by `authenticateOrganisation`). */
export function organisationOf(res: Response): OrganisationActor {
  return res.locals.organisation as OrganisationActor;
}

/** Requires `Authorization: Bearer <organisation key>`; a university's key is not one (the prefixes differ). */
export function authenticateOrganisation(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
    const actor = match === null ? null : await authenticateOrganisationKey(db, match[1]!);
    if (actor === null) return next(new UnauthenticatedError());
    res.locals.organisation = actor;
    next();
  };
}
