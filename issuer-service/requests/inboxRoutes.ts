import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import { spaDist } from "../buildSpa";
import type { Config } from "../config";
import { securityHeaders } from "../http/securityHeaders";
import type { ServiceContext } from "../ServiceContext";

/**
 * The organisations' inbox under /inbox (docs/REQUESTS.md "The inbox"): its page, and `config.json`, what the page
 * needs to sign in (the providers' buttons) and to verify submissions in the reviewer's browser — the chain's RPC URL
 * as browsers reach it and the deployment. Its content security policy lets these paths (the page and its worker) connect to that node, and to a
 * node the reviewer names in the page's settings: any https:// one, or an http:// one on their own computer. Scripts
 * stay this origin's own, so a wider connect-src gives no injected script a way in.
 */
export function inboxRoutes(config: Config, ctx: ServiceContext): Router {
  const rpcUrl = config.publicRpcUrl ?? config.rpcUrl;
  const router = Router();
  router.use(securityHeaders([new URL(rpcUrl).origin, "https:", "http://127.0.0.1:*", "http://localhost:*"]));
  // The sign-in buttons: each provider's id and label, never its client or secret.
  const providers = config.inbox.providers.map(({ id, label }) => ({ id, label }));
  router.get("/config.json", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ rpcUrl, deployment: ctx.chain.deployment, providers });
  });
  const dist = spaDist("inbox");
  if (existsSync(join(dist, "index.html"))) router.use(express.static(dist, { index: "index.html", fallthrough: true }));
  return router;
}
