import { existsSync } from "node:fs";
import { join } from "node:path";
import { spaDist } from "./buildSpa";
import express, { type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import type { Config } from "./config";
import type { ServiceContext } from "./ServiceContext";
import { checkHealth } from "./domain/checkHealth";
import { rateLimitStore } from "./http/DatabaseRateLimitStore";
import { securityHeaders } from "./http/securityHeaders";
import { renderMetrics } from "./domain/renderMetrics";
import { adminRoutes } from "./http/adminRoutes";
import { actorOf, authenticate } from "./http/authenticate";
import { batchRoutes } from "./http/batchRoutes";
import { NotFoundError } from "./errors";
import { credentialRoutes } from "./http/credentialRoutes";
import { handleErrors } from "./http/handleErrors";
import { openApiDocument } from "./http/openApiDocument";
import { DOCS_CSS, renderDocsPage } from "./http/renderDocsPage";
import { shareRoutes } from "./http/shareRoutes";
import { identityRoutes } from "./portal/identityRoutes";
import { portalRoutes } from "./portal/portalRoutes";
import { inboxRoutes } from "./requests/inboxRoutes";
import { inboxSignInRoutes } from "./requests/inboxSignInRoutes";
import { requestRoutes } from "./requests/requestRoutes";

/** Logs method, route, status and the key *id* of each request; never headers, bodies or query strings. */
function logRequests(ctx: ServiceContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const key = res.locals.apiKey === undefined ? undefined : actorOf(res);
      ctx.log({
        level: "info",
        event: "request",
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        university: key?.universityId,
        keyId: key?.id,
      });
    });
    next();
  };
}

/**
 * The whole HTTP surface over a service context, without listening (server.ts listens; tests use supertest).
 * The console and the inbox are served from their `dist/` when built (server.ts builds what is missing).
 */
export function buildApp(config: Config, ctx: ServiceContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Only as many X-Forwarded-For hops as operators declare: a client cannot choose its own rate-limit bucket.
  app.set("trust proxy", config.trustProxyHops === 0 ? false : config.trustProxyHops);
  app.use(securityHeaders());
  app.use(logRequests(ctx));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.rateLimitPerIp,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      store: rateLimitStore(config, ctx.db, "ip"),
    }),
  );

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth(ctx);
    res.status(health.status === "ok" ? 200 : 503).json(health);
  });
  app.get("/metrics", async (_req, res) => {
    res.type("text/plain; version=0.0.4").send(await renderMetrics(ctx));
  });

  app.get("/api/v1/openapi.json", (_req, res) => {
    res.json(openApiDocument);
  });
  app.get("/api/v1/docs", (_req, res) => {
    res.type("html").send(renderDocsPage());
  });
  app.get("/api/v1/docs.css", (_req, res) => {
    res.type("css").send(DOCS_CSS);
  });

  // Before the API-key router: share links are created and opened by graduates and employers, not registrars.
  app.use("/api/v1/shares", shareRoutes(config, ctx));

  // Verifying organisations' requests: organisation keys, never a university's (docs/REQUESTS.md).
  app.use("/api/v1/requests", requestRoutes(config, ctx));

  // Organisations' reviewers sign in to the inbox: sessions of their own, never a graduate's (docs/REQUESTS.md).
  app.use("/inbox", inboxSignInRoutes(config, ctx));

  // The graduate portal: its own sessions and CSRF tokens, never an API key (docs/PORTAL.md).
  app.use("/my", portalRoutes(config, ctx));

  const api = express.Router();
  api.use(authenticate(ctx.db));
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.rateLimitPerKey,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: (_req, res) => actorOf(res).id,
      store: rateLimitStore(config, ctx.db, "key"),
    }),
  );
  api.use(batchRoutes(ctx));
  api.use(credentialRoutes(ctx));
  api.use(adminRoutes(ctx));
  api.use(identityRoutes(ctx));
  app.use("/api/v1", api);

  // The organisations' inbox: their browsers verify submissions against the chain themselves (docs/REQUESTS.md).
  app.use("/inbox", inboxRoutes(config, ctx));

  const consoleDist = spaDist("console");
  if (existsSync(join(consoleDist, "index.html"))) {
    app.use(express.static(consoleDist, { index: "index.html", fallthrough: true }));
  }
  app.use((_req, _res, next) => next(new NotFoundError("route")));
  app.use(handleErrors(ctx.log));
  return app;
}
