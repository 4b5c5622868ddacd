import express, { Router } from "express";
import { z } from "zod";
import type { ServiceContext } from "../ServiceContext";
import { CursorParam } from "../domain/keysetCursor";
import { createApiKey, listApiKeys, revokeApiKey, ROLES } from "../domain/apiKeys";
import { appendAudit } from "../domain/appendAudit";
import { exportAudit } from "../domain/exportAudit";
import { rotateSigningKey } from "../domain/rotateSigningKey";
import { listAudit } from "../domain/listAudit";
import { actorOf } from "./authenticate";
import { permit } from "./permissions";
import { audited } from "./audited";
import { parseWith } from "./parseWith";

const NewKey = z.object({ label: z.string().trim().min(1).max(100), roles: z.array(z.enum(ROLES)).min(1) }).strict();
const KeyId = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }).strict();
/** `json` is one page for the console; `jsonl` and `csv` are the whole log as a download (itself audited). */
const AuditQuery = z
  .object({
    format: z.enum(["jsonl", "csv", "json"]).default("jsonl"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorParam.optional(),
  })
  .strict();
const Empty = z.object({}).strict();

export function adminRoutes(ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  const small = express.json({ limit: "4kb", strict: true });

  router.get("/me", permit("me.read"), (_req, res) => {
    const key = actorOf(res);
    res.json({ universityId: key.universityId, keyId: key.id, roles: key.roles, label: key.label });
  });

  router.get("/api-keys", permit("apiKey.list"), async (_req, res) => {
    res.json({ items: await listApiKeys(db, actorOf(res).universityId) });
  });

  router.post("/api-keys", permit("apiKey.create"), small, async (req, res) => {
    const request = parseWith(NewKey, req.body, "body");
    const created = await audited(db, res, "apiKey.create", null, () => createApiKey(db, actorOf(res).universityId, request.roles, request.label), (c) => ({
      keyId: c.info.id,
      roles: c.info.roles,
    }));
    res.status(201).json({ key: created.key, ...created.info });
  });

  router.post("/api-keys/:id/revoke", permit("apiKey.revoke"), async (req, res) => {
    const { id } = parseWith(KeyId, req.params, "params");
    res.json(await audited(db, res, "apiKey.revoke", id, () => revokeApiKey(db, actorOf(res).universityId, id)));
  });

  router.post("/keys/rotate", permit("signingKey.rotate"), small, async (req, res) => {
    parseWith(Empty, req.body, "body");
    res.json(await audited(db, res, "signingKey.rotate", null, () => rotateSigningKey(ctx, actorOf(res).universityId), (r) => ({ ...r })));
  });

  router.get("/audit", permit("audit.read"), async (req, res) => {
    const { format, limit, cursor } = parseWith(AuditQuery, req.query, "query");
    const key = actorOf(res);
    if (format === "json") {
      res.json(await listAudit(db, key.universityId, { limit, cursor }));
      return;
    }
    await appendAudit(db, { universityId: key.universityId, keyId: key.id }, "audit.export", null, "ok", { format });
    res.status(200).type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    res.attachment(`audit-${actorOf(res).universityId}.${format === "csv" ? "csv" : "jsonl"}`);
    for await (const line of exportAudit(db, actorOf(res).universityId, format)) res.write(line);
    res.end();
  });

  return router;
}
