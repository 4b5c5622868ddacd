import { Router, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { PageContext } from "../portal/pages/PageContext";
import { renderMessagePage } from "../portal/pages/renderMessagePage";
import { listAccountCredentials, liveStatus } from "../portal/accountCredentials";
import { PortalError } from "../portal/PortalError";
import type { Session } from "../portal/sessions";
import type { ServiceContext } from "../ServiceContext";
import { listAccountRequests, REQUEST_ID } from "./institutionRequests";
import { renderRequestHistoryPage } from "./pages/renderRequestHistoryPage";
import { renderRequestPage } from "./pages/renderRequestPage";
import { requestPageContext } from "./pages/RequestPageContext";
import { RequestError, type RequestErrorCode } from "./RequestError";
import { HIDEABLE } from "./RequestInput";
import { asksFor, openRequest, submitToRequest, withdrawSubmission } from "./submissions";

/** What the portal lends its request pages: its pages, sessions, CSRF check, form parser and audit log. */
export interface PortalHooks {
  pageOf(req: Request, res: Response): PageContext;
  sessionOf(res: Response): Session | undefined;
  requireCsrf(req: Request, res: Response): Session;
  form: RequestHandler;
  audit(action: string, accountId: string | null, result: string, detail?: Record<string, unknown>): Promise<void>;
}

/** The request a signed-out visitor opened, so that signing in leads back to it (`resumeRequest`). */
const PENDING_COOKIE = "credanchor_request";

const STATUS: Record<RequestErrorCode, number> = {
  REQUEST_NOT_FOUND: 404,
  REQUEST_EXPIRED: 410,
  REQUEST_ANSWERED: 409,
  NOTHING_CHOSEN: 400,
  CREDENTIAL_NOT_ASKED: 422,
  HIDDEN_NOT_ACCEPTED: 422,
  ALREADY_WITHDRAWN: 409,
};

const RequestParams = z.object({ id: z.string().regex(REQUEST_ID) }).strict();
const listOf = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).optional().transform((value) => (value === undefined ? [] : [value].flat()));
const SubmitForm = z.object({ _csrf: z.string(), credential: listOf(z.string().max(200)), hide: listOf(z.enum(HIDEABLE)) }).strict();

function requestIdOf(req: Request): string {
  const parsed = RequestParams.safeParse(req.params);
  if (!parsed.success) throw new RequestError("REQUEST_NOT_FOUND");
  return parsed.data.id;
}

/**
 * Sends a graduate who has just signed in back to the request they opened signed out. Goes before the portal's
 * account page, which is where signing in lands.
 */
export function resumeRequest(hooks: Pick<PortalHooks, "sessionOf">): RequestHandler {
  return (req, res, next) => {
    const pending = /(?:^|;\s*)credanchor_request=([A-Za-z0-9_-]{22})(?:;|$)/.exec(req.get("cookie") ?? "")?.[1];
    if (pending === undefined || hooks.sessionOf(res) === undefined) return next();
    res.clearCookie(PENDING_COOKIE, { path: "/my", httpOnly: true, sameSite: "lax", secure: req.secure });
    res.redirect(303, `/my/requests/${pending}`);
  };
}

/**
 * The graduate's side of institution requests under /my/requests (docs/REQUESTS.md): the request behind a link, the
 * answer (chosen credentials, disclosed within what the request accepts), its withdrawal, and the account's history.
 * Plain forms like the rest of the portal; every view and change is audited under the account.
 */
export function submissionRoutes(ctx: ServiceContext, hooks: PortalHooks): Router {
  const { db } = ctx;
  const router = Router();

  const show = async (req: Request, res: Response, session: Session, requestId: string, problem?: string) => {
    const { request, submission } = await openRequest(db, session.accountId, requestId);
    const held = submission === null && request.status !== "expired" ? await listAccountCredentials(ctx, session.accountId) : [];
    const asked = held.filter((credential) => asksFor(request, credential.universityId, credential.credential));
    const choices = await Promise.all(asked.map(async (credential) => ({ held: credential, status: await liveStatus(ctx, credential.credential) })));
    return renderRequestPage(requestPageContext(hooks.pageOf(req, res)), { request, submission, choices, ...(problem === undefined ? {} : { problem }) });
  };

  router.get("/", async (req, res) => {
    const session = hooks.sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    await hooks.audit("portal.request.history", session.accountId, "ok");
    res.type("html").send(renderRequestHistoryPage(requestPageContext(hooks.pageOf(req, res)), await listAccountRequests(db, session.accountId)));
  });

  router.get("/:id", async (req, res) => {
    const id = requestIdOf(req);
    const session = hooks.sessionOf(res);
    if (session === undefined) {
      res.cookie(PENDING_COOKIE, id, { path: "/my", httpOnly: true, sameSite: "lax", secure: req.secure, maxAge: 30 * 60_000 });
      const page = requestPageContext(hooks.pageOf(req, res));
      return res.type("html").send(renderMessagePage(page, page.r("request.signIn.heading"), page.r("request.signIn.text"), { href: "/my/login", label: page.r("request.signIn.button") }, "note"));
    }
    try {
      const page = await show(req, res, session, id);
      await hooks.audit("portal.request.view", session.accountId, "ok", { request: id });
      res.type("html").send(page);
    } catch (error) {
      if (error instanceof RequestError) await hooks.audit("portal.request.view", session.accountId, error.code, { request: id });
      throw error;
    }
  });

  router.post("/:id/submit", hooks.form, async (req, res) => {
    const session = hooks.requireCsrf(req, res);
    const id = requestIdOf(req);
    const parsed = SubmitForm.safeParse(req.body ?? {});
    if (!parsed.success) throw new PortalError("INVALID_FORM");
    try {
      const submission = await submitToRequest(ctx, session.accountId, id, { credentialIds: parsed.data.credential, hide: parsed.data.hide });
      await hooks.audit("portal.request.submit", session.accountId, "ok", { request: id, credentials: submission.credentials, hidden: submission.hidden });
      res.redirect(303, `/my/requests/${id}`);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      await hooks.audit("portal.request.submit", session.accountId, error.code, { request: id });
      const page = requestPageContext(hooks.pageOf(req, res));
      // The form again with what went wrong, unless the request itself is gone for this account.
      if (error.code === "REQUEST_NOT_FOUND") throw error;
      res.status(STATUS[error.code]).type("html").send(await show(req, res, session, id, page.r(`request.error.${error.code}`)));
    }
  });

  router.post("/:id/withdraw", hooks.form, async (req, res) => {
    const session = hooks.requireCsrf(req, res);
    const id = requestIdOf(req);
    try {
      await withdrawSubmission(db, session.accountId, id);
      await hooks.audit("portal.request.withdraw", session.accountId, "ok", { request: id });
    } catch (error) {
      if (error instanceof RequestError) await hooks.audit("portal.request.withdraw", session.accountId, error.code, { request: id });
      throw error;
    }
    res.redirect(303, `/my/requests/${id}`);
  });

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof RequestError)) return next(error);
    const page = requestPageContext(hooks.pageOf(req, res));
    res.status(STATUS[error.code]).type("html").send(renderMessagePage(page, page.t("portal.error.heading"), page.r(`request.error.${error.code}`), { href: "/my/requests", label: page.r("request.history") }, "alert"));
  });
  return router;
}
