import type { Request } from "express";
import type { Db } from "../db/openDatabase";
import { CsrfRejectedError, UnauthenticatedError } from "../errors";
import { readCookies } from "../http/readCookies";
import { csrfMatches, type SessionLimits } from "../portal/sessions";
import { INBOX_SESSION_COOKIE, loadReviewerSession, type ReviewerSession } from "./reviewerSessions";

/** Methods that change nothing: a reviewer's session needs no CSRF token for them. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The reviewer session of the request's cookie, or 401; a change (any other method) also needs the session's CSRF
 * token in `X-CSRF-Token`, or 403: SameSite=Lax alone would still let a page on a sibling subdomain post.
 */
export async function requireReviewerSession(db: Db, req: Request, limits: SessionLimits): Promise<ReviewerSession> {
  const session = await loadReviewerSession(db, readCookies(req)[INBOX_SESSION_COOKIE], limits);
  if (session === undefined) throw new UnauthenticatedError("organisation");
  if (!SAFE_METHODS.has(req.method) && !csrfMatches(session, req.get("x-csrf-token"))) throw new CsrfRejectedError();
  return session;
}
