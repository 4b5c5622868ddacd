import express, { Router } from "express";
import { z } from "zod";
import { CREDENTIAL_KINDS, MAX_REASON_BYTES, reasonFits } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import { CursorParam } from "../domain/keysetCursor";
import { loadBatch, toBatchView } from "../domain/BatchView";
import { getCredential } from "../domain/getCredential";
import { listCredentials } from "../domain/listCredentials";
import { CorrectableFields, reissueCredential } from "../domain/reissueCredential";
import { revokeCredential } from "../domain/revokeCredential";
import { actorOf } from "./authenticate";
import { audited } from "./audited";
import { BatchId, RevokeRequest } from "./batchRoutes";
import { parseWith } from "./parseWith";
import { permit } from "./permissions";

const CredentialId = z.object({ id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/) }).strict();
const ListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    batch: BatchId.shape.id.optional(),
    kind: z.enum(CREDENTIAL_KINDS).optional(),
    status: z.enum(["valid", "revoked", "superseded", "pending"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorParam.optional(),
  })
  .strict();
/** A reissue after revocation says why, and may correct fields at the same time. */
const ReissueAfterRevocation = CorrectableFields.extend({
  reason: z.string().trim().min(1).refine(reasonFits, { message: `at most ${MAX_REASON_BYTES} bytes` }),
}).strict();

export function credentialRoutes(ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  const small = express.json({ limit: "16kb", strict: true });

  router.get("/credentials", permit("credential.list"), async (req, res) => {
    const query = parseWith(ListQuery, req.query, "query");
    res.json(await listCredentials(db, actorOf(res).universityId, query));
  });

  router.get("/credentials/:id", permit("credential.read"), async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    res.json(await getCredential(db, actorOf(res).universityId, id));
  });

  router.post("/credentials/:id/revoke", permit("credential.revoke"), small, async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    const request = parseWith(RevokeRequest, req.body, "body");
    const result = await audited(db, res, "credential.revoke", id, () => revokeCredential(ctx, actorOf(res).universityId, id, request), (r) => ({
      reason: request.reason,
      reasonCode: request.reasonCode,
      transaction: r.transaction,
    }));
    res.json(result);
  });

  router.post("/credentials/:id/reissue", permit("credential.reissue"), small, async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    const corrections = parseWith(CorrectableFields, req.body, "body");
    const batchId = await audited(db, res, "credential.reissue", id, () => reissueCredential(db, actorOf(res).universityId, id, corrections), (batch) => ({
      batch,
      fields: Object.keys(corrections),
    }));
    res.status(202).location(`/api/v1/batches/${batchId}`).json(await toBatchView(db, await loadBatch(db, actorOf(res).universityId, batchId), ctx.chainHealth.latestBlock));
  });

  router.post("/credentials/:id/reissue-after-revocation", permit("credential.reissueAfterRevocation"), small, async (req, res) => {
    const { id } = parseWith(CredentialId, req.params, "params");
    const { reason, ...corrections } = parseWith(ReissueAfterRevocation, req.body, "body");
    const batchId = await audited(
      db,
      res,
      "credential.reissueAfterRevocation",
      id,
      () => reissueCredential(db, actorOf(res).universityId, id, corrections, "reissueAfterRevocation"),
      (batch) => ({ batch, reason, fields: Object.keys(corrections) }),
    );
    res.status(202).location(`/api/v1/batches/${batchId}`).json(await toBatchView(db, await loadBatch(db, actorOf(res).universityId, batchId), ctx.chainHealth.latestBlock));
  });

  return router;
}
