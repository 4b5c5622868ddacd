import { join } from "node:path";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import QRCode from "qrcode";
import { z } from "zod";
import { exportVc, isLanguage, kindOf, type Language, type LocalisedText } from "@credanchor/core/protocol";
import type { Config } from "../config";
import { appendAudit } from "../domain/appendAudit";
import { rateLimitStore } from "../http/DatabaseRateLimitStore";
import { readCookies } from "../http/readCookies";
import type { ServiceContext } from "../ServiceContext";
import { getAccountCredential, listAccountCredentials, liveStatus, type AccountCredential } from "./accountCredentials";
import { createAccountShare, listAccountShares, withdrawAccountShare } from "./accountShares";
import { accountHistory } from "./accountHistory";
import { claimWithCode } from "./claimCodes";
import { HIDE_CHOICES, hiddenPointers } from "./hideChoices";
import { deactivateAccount } from "./deactivateAccount";
import { portalTranslator } from "./i18n/portalTranslator";
import type { PageContext } from "./pages/PageContext";
import { credentialTitle } from "./pages/credentialTitle";
import { SHARE_DAYS, renderCredentialPage } from "./pages/renderCredentialPage";
import { renderHistoryPage } from "./pages/renderHistoryPage";
import { renderHomePage, type HomeView } from "./pages/renderHomePage";
import { renderLoginPage } from "./pages/renderLoginPage";
import { renderMessagePage } from "./pages/renderMessagePage";
import { renderPrintPage } from "./pages/renderPrintPage";
import { renderShareCreatedPage } from "./pages/renderShareCreatedPage";
import { PortalError } from "./PortalError";
import { PORTAL_ERROR_STATUS } from "./portalErrorStatus";
import { csrfMatches, createSession, endSession, loadSession, type Session } from "./sessions";
import { resumeRequest, submissionRoutes } from "../requests/submissionRoutes";
import { SignIn, type ReleasedIdentity, type ReleasedStudentId } from "./signIn";
import { bindByIdentity, identityHash } from "./identities";
import { bindByStudentId } from "./bindByStudentId";

const SESSION_COOKIE = "credanchor_session";
const LOGIN_COOKIE = "credanchor_login";
const LANGUAGE_COOKIE = "credanchor_lang";

const DeactivateForm = z.object({ _csrf: z.string(), confirm: z.literal("yes") }).strict();
const ClaimForm = z.object({ _csrf: z.string(), code: z.string().max(100) }).strict();
const ShareForm = z
  .object({
    _csrf: z.string(),
    hide: z.union([z.enum(HIDE_CHOICES), z.array(z.enum(HIDE_CHOICES))]).optional(),
    days: z.enum(SHARE_DAYS.map(String) as [string, ...string[]]),
    /** The second submit button: show the new link's print view instead of the link alone. */
    then: z.literal("print").optional(),
  })
  .strict();

/** The reader's language: `?lang=` (remembered in a cookie), then the cookie, then the browser's preference. */
function languageOf(req: Request, res: Response): Language {
  const asked = typeof req.query.lang === "string" && isLanguage(req.query.lang) ? req.query.lang : undefined;
  if (asked !== undefined) {
    res.cookie(LANGUAGE_COOKIE, asked, { path: "/my", httpOnly: true, sameSite: "lax", secure: req.secure, maxAge: 365 * 86_400_000 });
    return asked;
  }
  const remembered = readCookies(req)[LANGUAGE_COOKIE];
  if (remembered !== undefined && isLanguage(remembered)) return remembered;
  return /^zh\b/i.test(req.get("accept-language") ?? "") ? "zh-Hant" : "en";
}

const sessionOf = (res: Response): Session | undefined => res.locals.portalSession as Session | undefined;

function requireSession(res: Response): Session {
  const session = sessionOf(res);
  if (session === undefined) throw new PortalError("SIGN_IN_EXPIRED");
  return session;
}

/** Every state change carries the session's CSRF token (SameSite=Lax alone leaves same-site subdomains able to post). */
function requireCsrf(req: Request, res: Response): Session {
  const session = sessionOf(res);
  if (session === undefined || !csrfMatches(session, (req.body as Record<string, unknown> | undefined)?._csrf)) throw new PortalError("CSRF_REJECTED");
  return session;
}

/** A download's file name: the student id and the kind (as the registrar's files are named) and a suffix for what it is. */
function downloadName(held: AccountCredential, suffix: string): string {
  const kind = kindOf(held.credential);
  return `${held.credential.credentialSubject.studentId ?? "credential"}${kind === "award" ? "" : `-${kind}`}${suffix}.json`.replace(/[^\w.-]/g, "_");
}

/** A GET page's own path and query without `lang`, so switching language shows the same page with the same outcome. */
function samePage(req: Request): string {
  const url = new URL(req.originalUrl, "http://portal");
  url.searchParams.delete("lang");
  return `${url.pathname.replace(/\/$/, "") || "/my"}${url.search}`;
}

function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new PortalError("INVALID_FORM");
  return result.data;
}

/**
 * The graduate portal under /my (docs/PORTAL.md): sign-in through any configured OpenID provider, server sessions,
 * claim codes, the account's credentials with their live status, downloads and share links. Plain HTML forms and
 * no script; every page is the reader's language, every failure a page that says what happened and changed nothing.
 */
export function portalRoutes(config: Config, ctx: ServiceContext): Router {
  const { db } = ctx;
  const portal = config.portal;
  const signIn = new SignIn(db, portal.providers, "portal");
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 20 });
  const audit = (action: string, accountId: string | null, result: string, detail?: Record<string, unknown>) =>
    appendAudit(db, null, action, accountId === null ? null : `account:${accountId}`, result, detail);
  const providerLabel = (id: string): LocalisedText => portal.providers.find((provider) => provider.id === id)?.label ?? { en: id, "zh-Hant": id };
  const pageOf = (req: Request, res: Response): PageContext => {
    const language = res.locals.portalLanguage as Language;
    const session = sessionOf(res);
    return {
      language,
      t: (key, params) => portalTranslator.translateTo(language, key, params),
      pick: (text) => text[language],
      // After a form (a POST), switching language shows the account's page: the form's answer cannot be asked for again.
      path: req.method === "GET" ? samePage(req) : "/my",
      ...(session === undefined ? {} : { session: { csrfToken: session.csrfToken, provider: providerLabel(session.provider) } }),
    };
  };
  const problemText = (page: PageContext, error: PortalError) => page.t(`portal.error.${error.code}`, error.params);
  const loginProviders = portal.providers.map((provider) => ({ id: provider.id, label: provider.label }));
  const sessionCookie = (req: Request) => ({ path: "/my", httpOnly: true, sameSite: "lax" as const, secure: req.secure });

  router.use(async (req, res, next) => {
    // Pages are per account and per moment: nothing may be cached or framed.
    res.set("Cache-Control", "no-store");
    res.locals.portalLanguage = languageOf(req, res);
    res.locals.portalSession = await loadSession(db, readCookies(req)[SESSION_COOKIE], portal);
    next();
  });

  router.get("/assets/tokens.css", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").sendFile(require.resolve("@credanchor/core/tokens.css"));
  });
  router.get("/assets/print.css", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").sendFile(require.resolve("@credanchor/core/print.css"));
  });
  router.get("/assets/portal.css", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").sendFile(join(__dirname, "portal.css"));
  });

  const home = async (req: Request, res: Response, session: Session, outcome: Pick<HomeView, "claimed" | "problem" | "matched" | "identityWithheld" | "studentMatched" | "studentIdWithheld"> = {}) => {
    const held = await listAccountCredentials(ctx, session.accountId);
    const credentials = await Promise.all(held.map(async (credential) => ({ held: credential, status: await liveStatus(ctx, credential.credential) })));
    return renderHomePage(pageOf(req, res), { credentials, shares: await listAccountShares(ctx, session.accountId), ...outcome });
  };

  router.get("/", resumeRequest({ sessionOf }), async (req, res) => {
    const session = sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    const claimedId = typeof req.query.claimed === "string" ? req.query.claimed : undefined;
    const claimed = claimedId === undefined ? undefined : await getAccountCredential(ctx, session.accountId, claimedId).catch(() => undefined);
    const count = (value: unknown) => (typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : undefined);
    const matched = count(req.query.matched);
    const studentMatched = count(req.query.student);
    res.type("html").send(
      await home(req, res, session, {
        ...(claimed === undefined ? {} : { claimed: credentialTitle(claimed.credential) }),
        ...(matched === undefined ? {} : { matched }),
        ...(req.query.identity === "withheld" ? { identityWithheld: providerLabel(session.provider) } : {}),
        ...(studentMatched === undefined ? {} : { studentMatched: { count: studentMatched, provider: providerLabel(session.provider) } }),
        ...(req.query.student === "withheld" ? { studentIdWithheld: providerLabel(session.provider) } : {}),
      }),
    );
  });

  router.get("/login", (req, res) => {
    if (sessionOf(res) !== undefined) return res.redirect(303, "/my");
    res.type("html").send(renderLoginPage(pageOf(req, res), loginProviders));
  });

  router.get("/login/:provider", async (req, res) => {
    try {
      const { url, loginToken } = await signIn.start(String(req.params.provider));
      res.cookie(LOGIN_COOKIE, loginToken, { ...sessionCookie(req), path: "/my/callback", maxAge: 10 * 60_000 });
      res.redirect(303, url);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      // Switching language re-reads the sign-in page, not this provider's start (which would try the provider again).
      const page = { ...pageOf(req, res), path: "/my/login" };
      res.status(PORTAL_ERROR_STATUS[error.code]).type("html").send(renderLoginPage(page, loginProviders, problemText(page, error)));
    }
  });

  router.get("/callback/:provider", async (req, res) => {
    const provider = String(req.params.provider);
    res.clearCookie(LOGIN_COOKIE, { ...sessionCookie(req), path: "/my/callback" });
    try {
      const callbackUrl = new URL(req.originalUrl, signIn.provider(provider).redirectUri);
      const { identity, student, ...who } = await signIn.finish(provider, callbackUrl, readCookies(req)[LOGIN_COOKIE]);
      const { token, accountId, created } = await createSession(db, who, readCookies(req)[SESSION_COOKIE]);
      await audit("portal.signIn", accountId, "ok", { provider, newAccount: created });
      res.cookie(SESSION_COOKIE, token, { ...sessionCookie(req), maxAge: portal.sessionAbsoluteHours * 3_600_000 });
      const outcome = new URLSearchParams([...(await matchIdentity(accountId, identity)), ...(await matchStudentId(accountId, student))]);
      res.redirect(303, outcome.size === 0 ? "/my" : `/my?${outcome}`);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      await audit("portal.signIn", null, error.code, { provider });
      res.locals.portalSession = undefined;
      // A callback URL works once: switching language shows the sign-in page, not "this sign-in has expired".
      const page = { ...pageOf(req, res), path: "/my/login" };
      res.status(PORTAL_ERROR_STATUS[error.code]).type("html").send(renderLoginPage(page, loginProviders, problemText(page, error)));
    }
  });

  /** Identity match at sign-in; its outcome goes to the account page as a query (`?matched=2`, `?identity=withheld`). */
  const matchIdentity = async (accountId: string, identity: ReleasedIdentity): Promise<[string, string][]> => {
    if (identity === "notAsked" || portal.identityHmacKey === undefined) return [];
    if (identity === "withheld") return [["identity", "withheld"]];
    const matched = await bindByIdentity(db, accountId, identityHash(portal.identityHmacKey, identity.number));
    await audit("portal.identityMatch", accountId, "ok", { bound: matched });
    return [["matched", String(matched)]];
  };

  /** A university sign-on's student id at sign-in; its outcome goes to the account page as `?student=2` or `?student=withheld`. */
  const matchStudentId = async (accountId: string, student: ReleasedStudentId): Promise<[string, string][]> => {
    if (student === "notAsked") return [];
    if (student === "withheld") return [["student", "withheld"]];
    const matched = await bindByStudentId(db, accountId, student.university, student.studentId);
    // The university, not the student id: the audit log holds no personal data beyond the account.
    await audit("portal.studentIdMatch", accountId, "ok", { university: student.university, bound: matched });
    return [["student", String(matched)]];
  };

  router.post("/logout", form, async (req, res) => {
    const session = requireCsrf(req, res);
    await endSession(db, session);
    await audit("portal.signOut", session.accountId, "ok");
    res.clearCookie(SESSION_COOKIE, sessionCookie(req));
    res.locals.portalSession = undefined;
    const page = pageOf(req, res);
    res.type("html").send(renderMessagePage(page, page.t("portal.signedOut.heading"), page.t("portal.signedOut.text"), { href: "/my/login", label: page.t("portal.signIn.again") }, "note"));
  });

  const claimLimit = rateLimit({
    windowMs: 3_600_000,
    limit: portal.claimAttemptsPerHour,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (_req, res) => requireSession(res).accountId,
    store: rateLimitStore(config, db, "claim"),
    handler: (_req, _res, next) => next(new PortalError("CLAIM_RATE_LIMITED")),
  });
  router.post("/claim", form, (req, res, next) => (requireCsrf(req, res) ? claimLimit(req, res, next) : undefined), async (req, res) => {
    const session = requireSession(res);
    const { code } = parseForm(ClaimForm, req.body);
    try {
      const { credentialId } = await claimWithCode(db, session.accountId, code);
      await audit("portal.claim", session.accountId, "ok", { credential: credentialId });
      res.redirect(303, `/my?claimed=${encodeURIComponent(credentialId)}`);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      await audit("portal.claim", session.accountId, error.code);
      res.status(PORTAL_ERROR_STATUS[error.code]).type("html").send(await home(req, res, session, { problem: problemText(pageOf(req, res), error) }));
    }
  });

  router.get("/history", async (req, res) => {
    const session = sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    const { opens, events } = await accountHistory(db, session.accountId);
    const titles = new Map((await listAccountCredentials(ctx, session.accountId)).map((held) => [held.id, credentialTitle(held.credential)]));
    res.type("html").send(renderHistoryPage(pageOf(req, res), { opens, events, titles }));
  });

  router.get("/credentials/:id", async (req, res) => {
    const session = sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    const held = await getAccountCredential(ctx, session.accountId, String(req.params.id));
    res.type("html").send(renderCredentialPage(pageOf(req, res), held, await liveStatus(ctx, held.credential), portal.verifierUrl !== undefined));
  });

  router.get("/credentials/:id/download", async (req, res) => {
    const session = sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    const held = await getAccountCredential(ctx, session.accountId, String(req.params.id));
    res.type("application/json").attachment(downloadName(held, "")).send(`${JSON.stringify(JSON.parse(held.document), null, 2)}\n`);
  });

  router.get("/credentials/:id/vc", async (req, res) => {
    const session = sessionOf(res);
    if (session === undefined) return res.redirect(303, "/my/login");
    const held = await getAccountCredential(ctx, session.accountId, String(req.params.id));
    // OB 3.0 text members hold one language: the reader's; both stay in the embedded original.
    const exported = exportVc(held.credential, res.locals.portalLanguage as Language);
    res.type("application/json").attachment(downloadName(held, "-vc")).send(`${JSON.stringify(exported, null, 2)}\n`);
  });

  router.post("/credentials/:id/shares", form, async (req, res) => {
    const session = requireCsrf(req, res);
    const request = parseForm(ShareForm, req.body);
    if (portal.verifierUrl === undefined) throw new PortalError("SHARE_UNAVAILABLE");
    const held = await getAccountCredential(ctx, session.accountId, String(req.params.id));
    const hidden = hiddenPointers(held.credential, request.hide === undefined ? [] : [request.hide].flat());
    const share = await createAccountShare(ctx, session.accountId, held, hidden, Number(request.days), {
      verifierUrl: portal.verifierUrl,
      serviceUrl: `${req.protocol}://${req.get("host")}`,
    });
    await audit("portal.share.create", session.accountId, "ok", { credential: held.id, hidden: hidden.length });
    if (request.then === "print") {
      // As the verifier prints and `credanchor print` does: a QR code a phone reads from paper, of the short share link.
      const qrDataUrl = await QRCode.toDataURL(share.link, { errorCorrectionLevel: "L", margin: 4, scale: 4 });
      return res.status(201).type("html").send(renderPrintPage(pageOf(req, res), held.id, share.shown, { ...share, qrDataUrl }));
    }
    const qrDataUrl = await QRCode.toDataURL(share.link, { errorCorrectionLevel: "M", margin: 2, width: 240 });
    res.status(201).type("html").send(renderShareCreatedPage(pageOf(req, res), { ...share, qrDataUrl }));
  });

  router.post("/shares/:id/withdraw", form, async (req, res) => {
    const session = requireCsrf(req, res);
    await withdrawAccountShare(ctx, session.accountId, String(req.params.id));
    await audit("portal.share.withdraw", session.accountId, "ok", { share: String(req.params.id) });
    res.redirect(303, "/my#shares");
  });

  router.post("/account/deactivate", form, async (req, res) => {
    const session = requireCsrf(req, res);
    parseForm(DeactivateForm, req.body);
    await deactivateAccount(db, session.accountId);
    await audit("portal.account.deactivate", session.accountId, "ok");
    res.clearCookie(SESSION_COOKIE, sessionCookie(req));
    res.locals.portalSession = undefined;
    const page = pageOf(req, res);
    res.type("html").send(renderMessagePage(page, page.t("portal.deactivated.heading"), page.t("portal.deactivated.text"), { href: "/my/login", label: page.t("portal.signIn.again") }, "note"));
  });

  // Institution requests: the pages a graduate answers an organisation's request on (docs/REQUESTS.md).
  router.use("/requests", submissionRoutes(ctx, { pageOf, sessionOf, requireCsrf, form, audit }));

  router.use((_req, _res, next) => next(new PortalError("NOT_FOUND")));
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof PortalError)) return next(error);
    const page = pageOf(req, res);
    const back = sessionOf(res) === undefined ? { href: "/my/login", label: page.t("portal.signIn.again") } : { href: "/my", label: page.t("portal.credential.back") };
    res.status(PORTAL_ERROR_STATUS[error.code]).type("html").send(renderMessagePage(page, page.t("portal.error.heading"), problemText(page, error), back, "alert"));
  });
  return router;
}
