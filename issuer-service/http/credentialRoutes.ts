import express, { Router } from "express";
import { z } from "zod";
import type { ServiceContext } from "../ServiceContext";
import { loadBatch, toBatchView } from "../domain/BatchView";
import { getCredential } from "../domain/getCredential";
import { CorrectableFields, reissueCredential } from "../domain/reissueCredential";
import { revokeCredential } from "../domain/revokeCredential";
import { actorOf, requireRole } from "./authenticate";
import { audited } from "./audited";
import { RevokeRequest } from "./batchRoutes";
import { parseWith } from "./parseWith";

const CredentialId = z.object({ id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/) }).strict();

export function credentialRoutes(ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  const small = express.json({ limit: "16kb", strict: true });

  router.get("/credentials/:id", async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    res.json(await getCredential(db, actorOf(res).universityId, id));
  });

  router.post("/credentials/:id/revoke", requireRole("revoker"), small, async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    const request = parseWith(RevokeRequest, req.body, "body");
    const result = await audited(db, res, "credential.revoke", id, () => revokeCredential(ctx, actorOf(res).universityId, id, request), (r) => ({
      reason: request.reason,
      reasonCode: request.reasonCode,
      transaction: r.transaction,
    }));
    res.json(result);
  });

  router.post("/credentials/:id/reissue", requireRole("registrar"), small, async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    const corrections = parseWith(CorrectableFields, req.body, "body");
    const batchId = await audited(db, res, "credential.reissue", id, () => reissueCredential(db, actorOf(res).universityId, id, corrections), (batch) => ({
      batch,
      fields: Object.keys(corrections),
    }));
    res.status(202).location(`/api/v1/batches/${batchId}`).json(await toBatchView(db, await loadBatch(db, actorOf(res).universityId, batchId), ctx.chainHealth.latestBlock));
  });

  return router;
}
