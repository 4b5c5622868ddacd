import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/openDatabase";
import { UnauthenticatedError } from "../errors";
import type { SessionLimits } from "../portal/sessions";
import { authenticateOrganisationKey, type OrganisationActor } from "./organisations";
import { requireReviewerSession } from "./requireReviewerSession";

/** Who acts for the organisation in this request (set by `authenticateOrganisation`). */
export function organisationOf(res: Response): OrganisationActor {
  return res.locals.organisation as OrganisationActor;
}

/**
 * Requires `Authorization: Bearer <organisation key>` (a university's key is not one: the prefixes differ) or, with
 * no Authorization header, a reviewer's inbox session (its cookie, and its CSRF token for a change). A graduate's
 * portal session is neither: its cookie is another, kept in another table.
 */
export function authenticateOrganisation(db: Db, limits: SessionLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get("authorization");
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match === null ? null : await authenticateOrganisationKey(db, match[1]!);
      if (actor === null) return next(new UnauthenticatedError("organisation"));
      res.locals.organisation = actor;
      return next();
    }
    const session = await requireReviewerSession(db, req, limits);
    res.locals.organisation = { organisation: session.organisation, by: { reviewerId: session.reviewerId } } satisfies OrganisationActor;
    next();
  };
}
