import express, { Router, type NextFunction, type Request, type Response } from "express";
import rateLimit from "express-rate-limit";
import { z } from "zod";
import { MAX_SHARE_PAYLOAD_BYTES, SHARE_ID } from "@credanchor/core/protocol";
import type { Config } from "../config";
import type { ServiceContext } from "../ServiceContext";
import { createShare, openShare, shareStatus, withdrawShare } from "../domain/shares";
import { BadRequestError } from "../errors";
import { rateLimitStore } from "./DatabaseRateLimitStore";
import { parseWith } from "./parseWith";

/** base64url of at most MAX_SHARE_PAYLOAD_BYTES bytes. */
const Payload = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "must be base64url without padding")
  .max(Math.ceil((MAX_SHARE_PAYLOAD_BYTES * 4) / 3), `must encode at most ${MAX_SHARE_PAYLOAD_BYTES} bytes`);
const CreateShare = z.object({ payload: Payload, expiresInDays: z.number().int().min(1).max(90) }).strict();
const ShareParams = z.object({ id: z.string().regex(SHARE_ID, "must be a share id") }).strict();
const WithdrawToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be the withdraw token returned at creation");

/**
 * CORS for the share endpoints only, and only for the configured origins (the verifier site): the rest of the API
 * is for registrars' servers and the console on this origin, never for other sites.
 */
function cors(origins: readonly string[]) {
  const allowed = new Set(origins.map((origin) => new URL(origin).origin));
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get("origin");
    if (origin !== undefined && allowed.has(origin)) {
      res.set({
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST, DELETE",
        "Access-Control-Allow-Headers": "Content-Type, X-Withdraw-Token",
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  };
}

function withdrawToken(req: Request): string {
  const result = WithdrawToken.safeParse(req.get("x-withdraw-token"));
  if (!result.success) throw new BadRequestError("INVALID_REQUEST", { details: [{ field: "headers.x-withdraw-token", message: "must be the withdraw token returned at creation" }] });
  return result.data;
}

/**
 * Encrypted share links (docs/ISSUER-SERVICE.md, SPEC §11). No API key: graduates create them. The service stores
 * opaque ciphertext; the key travels only in the link's fragment, which no server ever receives.
 */
export function shareRoutes(config: Config, ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  router.use(cors(config.shareCorsOrigins));
  // The base64url of MAX_SHARE_PAYLOAD_BYTES plus the JSON around it; anything larger is refused before parsing.
  const body = express.json({ limit: Math.ceil((MAX_SHARE_PAYLOAD_BYTES * 4) / 3) + 1024, strict: true });
  const createLimit = rateLimit({
    windowMs: 3_600_000,
    limit: config.shareCreateLimitPerIp,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: rateLimitStore(config, db, "shareCreate"),
  });

  router.post("/", createLimit, body, async (req, res) => {
    const request = parseWith(CreateShare, req.body, "body");
    res.status(201).json(await createShare(db, Buffer.from(request.payload, "base64url"), request.expiresInDays));
  });

  router.get("/:id", async (req, res) => {
    const { id } = parseWith(ShareParams, req.params, "params");
    const share = await openShare(db, id);
    // Each open is counted, so no cache may answer in the service's place.
    res.set("Cache-Control", "no-store").json({ payload: share.payload.toString("base64url"), expiresAt: share.expiresAt });
  });

  router.get("/:id/status", async (req, res) => {
    const { id } = parseWith(ShareParams, req.params, "params");
    res.set("Cache-Control", "no-store").json(await shareStatus(db, id, withdrawToken(req)));
  });

  router.delete("/:id", async (req, res) => {
    const { id } = parseWith(ShareParams, req.params, "params");
    res.json(await withdrawShare(db, id, withdrawToken(req)));
  });
  return router;
}
