import { randomBytes } from "node:crypto";
import express, { Router, type Response } from "express";
import rateLimit from "express-rate-limit";
import QRCode from "qrcode";
import { z } from "zod";
import { toCsv } from "@credanchor/core/protocol";
import type { Config } from "../config";
import { CursorParam } from "../domain/keysetCursor";
import { UnavailableError } from "../errors";
import { auditedAs } from "../http/audited";
import { rateLimitStore } from "../http/DatabaseRateLimitStore";
import { parseWith } from "../http/parseWith";
import type { ServiceContext } from "../ServiceContext";
import { authenticateOrganisation, organisationOf } from "./authenticateOrganisation";
import { createRequestsFromCsv } from "./createRequestsFromCsv";
import { createRequests, getRequest, listRequests, REQUEST_ID, type InstitutionRequest } from "./institutionRequests";
import { REQUEST_STATUSES } from "./RequestStatus";
import { openId4VpRequest } from "./openId4VpRequest";
import { readSubmission } from "./readSubmission";
import { RequestInput, RequestTemplate } from "./RequestInput";
import { checkWebhookTarget } from "./checkWebhookTarget";
import { deleteWebhook, getWebhook, listDeliveries, setWebhook } from "./webhooks";

const RequestParams = z.object({ id: z.string().regex(REQUEST_ID, "must be a request id") }).strict();
const ListQuery = z
  .object({ status: z.enum(REQUEST_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(100).default(20), cursor: CursorParam.optional() })
  .strict();
const WebhookInput = z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) }).strict();
const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
/** A bulk upload: the template every request shares, and the applicants as CSV text. */
const BulkInput = RequestTemplate.extend({ applicants: z.string().min(1) }).strict();

/**
 * The link an applicant opens: the portal's page of the request on the service's configured public URL. Never on
 * the Host header: whoever sends the request chooses that, and a link to their own site would carry the request's
 * id (the key to it) there.
 */
function linkOf(config: Config, id: string): string {
  return `${config.publicUrl}/my/requests/${id}`;
}

/**
 * The organisations' API (docs/REQUESTS.md) under /api/v1/requests: its own keys (never a university's), its own
 * rate-limit bucket per key, and every route reads and writes only the calling organisation's requests.
 */
export function requestRoutes(config: Config, ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  router.use(authenticateOrganisation(db, config.inbox));
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.rateLimitPerKey,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: (_req, res) => {
        const { by } = organisationOf(res);
        return "keyId" in by ? by.keyId : `reviewer:${by.reviewerId}`;
      },
      store: rateLimitStore(config, db, "organisation"),
    }),
  );
  const small = express.json({ limit: "16kb", strict: true });
  // 5,000 applicants of a few hundred bytes each.
  const bulk = express.json({ limit: "2mb", strict: true });
  const audit = <T>(res: Response, action: string, target: string | null, run: () => Promise<T>, detail?: (result: T) => Record<string, unknown>) => {
    const actor = organisationOf(res);
    return auditedAs(db, null, action, target, run, detail, { organisation: actor.organisation.id, ...actor.by });
  };
  const withLink = (request: InstitutionRequest) => ({ ...request, link: linkOf(config, request.id) });

  // Before /:id: the organisation's webhook (docs/REQUESTS.md), its secret shown only when it is set. Without the
  // secrets key a secret could only be kept in clear, so webhooks are off and say why.
  router.use("/webhook", (_req, _res, next) => next(ctx.secrets === undefined ? new UnavailableError("SECRETS_KEY_MISSING") : undefined));
  router.put("/webhook", small, async (req, res) => {
    const { url } = parseWith(WebhookInput, req.body, "body");
    if (!config.webhookAllowInternal) await checkWebhookTarget(url);
    res.json(await audit(res, "request.webhook.set", null, () => setWebhook(db, ctx.secrets!, organisationOf(res).organisation.id, url)));
  });
  router.get("/webhook", async (_req, res) => {
    res.json({ webhook: await audit(res, "request.webhook.read", null, () => getWebhook(db, organisationOf(res).organisation.id)) });
  });
  router.delete("/webhook", async (_req, res) => {
    await audit(res, "request.webhook.delete", null, () => deleteWebhook(db, organisationOf(res).organisation.id));
    res.status(204).end();
  });
  router.get("/webhook/deliveries", async (req, res) => {
    const { limit } = parseWith(DeliveriesQuery, req.query, "query");
    res.json({ items: await audit(res, "request.webhook.deliveries", null, () => listDeliveries(db, organisationOf(res).organisation.id, limit)) });
  });

  router.post("/", small, async (req, res) => {
    const input = parseWith(RequestInput, req.body, "body");
    const [created] = await audit(res, "request.create", null, () => createRequests(db, organisationOf(res).organisation, [input]), ([request]) => ({ request: request!.id }));
    res.status(201).json(withLink(created!));
  });

  router.post("/bulk", bulk, async (req, res) => {
    const { applicants, ...template } = parseWith(BulkInput, req.body, "body");
    const created = await audit(res, "request.bulkCreate", null, () => createRequestsFromCsv(db, organisationOf(res).organisation, template, applicants), (requests) => ({ count: requests.length }));
    const rows = created.map((request) => [request.applicantReference, request.id, linkOf(config, request.id), request.expiresAt]);
    res.status(201).type("text/csv; charset=utf-8").attachment("requests.csv").send(toCsv([["applicant_reference", "request_id", "link", "expires_at"], ...rows]));
  });

  router.get("/", async (req, res) => {
    const query = parseWith(ListQuery, req.query, "query");
    const page = await audit(res, "request.list", null, () => listRequests(db, organisationOf(res).organisation.id, query), (result) => ({ count: result.items.length }));
    res.json({ items: page.items.map(withLink), nextCursor: page.nextCursor });
  });

  router.get("/:id", async (req, res) => {
    const { id } = parseWith(RequestParams, req.params, "params");
    res.json(withLink(await audit(res, "request.read", `request:${id}`, () => getRequest(db, organisationOf(res).organisation.id, id))));
  });

  router.get("/:id/qr", async (req, res) => {
    const { id } = parseWith(RequestParams, req.params, "params");
    const request = await audit(res, "request.qr", `request:${id}`, () => getRequest(db, organisationOf(res).organisation.id, id));
    res.type("image/png").send(await QRCode.toBuffer(linkOf(config, request.id), { errorCorrectionLevel: "M", margin: 2, width: 320 }));
  });

  router.get("/:id/openid4vp", async (req, res) => {
    const { id } = parseWith(RequestParams, req.params, "params");
    const request = await audit(res, "request.openid4vp", `request:${id}`, () => getRequest(db, organisationOf(res).organisation.id, id));
    // A fresh nonce each time: a wallet's presentation is bound to the one request object it answers.
    res.set("Cache-Control", "no-store").json(openId4VpRequest(request, randomBytes(16).toString("base64url")));
  });

  router.get("/:id/submission", async (req, res) => {
    const { id } = parseWith(RequestParams, req.params, "params");
    const submission = await audit(res, "request.submission.read", `request:${id}`, () => readSubmission(db, organisationOf(res).organisation.id, id), (read) => ({ credentials: read.credentials.length }));
    res.set("Cache-Control", "no-store").json(submission);
  });

  return router;
}
