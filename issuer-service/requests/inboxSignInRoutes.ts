import { Router, type Request, type Response } from "express";
import type { Config } from "../config";
import { appendAudit } from "../domain/appendAudit";
import { UnauthenticatedError } from "../errors";
import { readCookies } from "../http/readCookies";
import { portalTranslator } from "../portal/i18n/portalTranslator";
import { PortalError } from "../portal/PortalError";
import { PORTAL_ERROR_STATUS } from "../portal/portalErrorStatus";
import { SignIn, type SignedIn } from "../portal/signIn";
import type { ServiceContext } from "../ServiceContext";
import { requestTranslator } from "./i18n/requestTranslator";
import { renderInboxProblemPage, type InboxProblem } from "./pages/renderInboxProblemPage";
import { requireReviewerSession } from "./requireReviewerSession";
import { findReviewer } from "./reviewers";
import { createReviewerSession, endReviewerSession, INBOX_SESSION_COOKIE, loadReviewerSession } from "./reviewerSessions";

/** The pending sign-in's cookie, sent back only to the callback. */
const LOGIN_COOKIE = "credanchor_inbox_login";
const CALLBACK_PATH = "/inbox/callback";

/**
 * Organisations' reviewers sign in to the inbox (docs/REQUESTS.md "Signing in") through the configured providers,
 * with the portal's relying party (PKCE, state and nonce, one use) in a realm of its own. Only an identity the
 * operator registered as a reviewer gets a session, and that session acts for its one organisation. Only these
 * four routes: everything else under /inbox is the inbox page's.
 */
export function inboxSignInRoutes(config: Config, ctx: ServiceContext): Router {
  const { db } = ctx;
  const inbox = config.inbox;
  const signIn = new SignIn(db, inbox.providers, "inbox");
  const router = Router();
  // Path `/`: the same cookie opens the inbox's own routes and the requests API (`/api/v1/requests`).
  const cookieOptions = (req: Request) => ({ path: "/", httpOnly: true, sameSite: "lax" as const, secure: req.secure });
  const audit = (action: string, target: string | null, result: string, detail: Record<string, unknown>) => appendAudit(db, null, action, target, result, detail);
  const problem = (res: Response, status: number, shown: InboxProblem) => res.status(status).type("html").send(renderInboxProblemPage(shown));
  const signInProblem = (res: Response, error: PortalError) =>
    problem(res, PORTAL_ERROR_STATUS[error.code], { text: portalTranslator.translate(`portal.error.${error.code}`, error.params) });

  router.get("/session", async (req, res) => {
    res.set("Cache-Control", "no-store");
    const session = await loadReviewerSession(db, readCookies(req)[INBOX_SESSION_COOKIE], inbox);
    if (session === undefined) throw new UnauthenticatedError("organisation");
    res.json({ organisation: session.organisation, reviewer: { name: session.reviewerName }, csrfToken: session.csrfToken });
  });

  router.get("/login/:provider", async (req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      const { url, loginToken } = await signIn.start(String(req.params.provider));
      res.cookie(LOGIN_COOKIE, loginToken, { ...cookieOptions(req), path: CALLBACK_PATH, maxAge: 10 * 60_000 });
      res.redirect(303, url);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      signInProblem(res, error);
    }
  });

  router.get("/callback/:provider", async (req, res) => {
    const provider = String(req.params.provider);
    res.set("Cache-Control", "no-store");
    res.clearCookie(LOGIN_COOKIE, { ...cookieOptions(req), path: CALLBACK_PATH });
    let who: SignedIn;
    try {
      who = await signIn.finish(provider, new URL(req.originalUrl, signIn.provider(provider).redirectUri), readCookies(req)[LOGIN_COOKIE]);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      await audit("inbox.signIn", null, error.code, { provider });
      return signInProblem(res, error);
    }
    const reviewer = await findReviewer(db, who);
    if (reviewer === undefined) {
      await audit("inbox.signIn", null, "NOT_A_REVIEWER", { provider });
      const label = signIn.provider(provider).label;
      // The identifier is shown so the person can hand it to the operator who registers reviewers.
      return problem(res, 403, { text: requestTranslator.translate("inbox.signIn.notReviewer", { provider: label }), identity: { provider: label, subject: who.subject } });
    }
    const token = await createReviewerSession(db, reviewer, readCookies(req)[INBOX_SESSION_COOKIE]);
    await audit("inbox.signIn", `reviewer:${reviewer.id}`, "ok", { provider, organisation: reviewer.organisationId });
    res.cookie(INBOX_SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: inbox.sessionAbsoluteHours * 3_600_000 });
    res.redirect(303, "/inbox/");
  });

  router.post("/logout", async (req, res) => {
    const session = await requireReviewerSession(db, req, inbox);
    await endReviewerSession(db, session.tokenHash);
    await audit("inbox.signOut", `reviewer:${session.reviewerId}`, "ok", { organisation: session.organisation.id });
    res.clearCookie(INBOX_SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  return router;
}
