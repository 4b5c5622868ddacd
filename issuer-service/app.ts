import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import helmet from "helmet";
import type { Config } from "./config";
import type { ServiceContext } from "./ServiceContext";
import { checkHealth } from "./domain/checkHealth";
import { rateLimitStore } from "./http/DatabaseRateLimitStore";
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
import { inboxSignInRoutes } from "./requests/inboxSignInRoutes";
import { requestRoutes } from "./requests/requestRoutes";

export const CONSOLE_DIST = join(__dirname, "console", "dist");

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
 * The console is served from `console/dist` when it has been built (server.ts builds it once if missing).
 */
export function buildApp(config: Config, ctx: ServiceContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Only as many X-Forwarded-For hops as operators declare: a client cannot choose its own rate-limit bucket.
  app.set("trust proxy", config.trustProxyHops === 0 ? false : config.trustProxyHops);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
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

  if (existsSync(join(CONSOLE_DIST, "index.html"))) {
    app.use(express.static(CONSOLE_DIST, { index: "index.html", fallthrough: true }));
  }
  app.use((_req, _res, next) => next(new NotFoundError("route")));
  app.use(handleErrors(ctx.log));
  return app;
}
