import express, { Router } from "express";
import { z } from "zod";
import { loadBatch } from "../domain/BatchView";
import { audited } from "../http/audited";
import { actorOf } from "../http/authenticate";
import { parseWith } from "../http/parseWith";
import { permit } from "../http/permissions";
import { BadRequestError } from "../errors";
import type { ServiceContext } from "../ServiceContext";
import { recordIdentities } from "./identities";

const BatchId = z.object({ id: z.string().min(1).max(100) }).strict();

/**
 * `POST /api/v1/batches/{id}/identities` (text/csv `student_id,id_document_number`): the identity-document numbers
 * of a batch's graduates for identity match in the portal (docs/PORTAL.md). Only their keyed hashes are stored;
 * neither the body nor the numbers are ever logged or audited, only how many were recorded.
 */
export function identityRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const csv = express.text({ type: ["text/csv", "text/plain"], limit: "5mb" });
  router.post("/batches/:id/identities", permit("batch.identities"), csv, async (req, res) => {
    const { id } = parseWith(BatchId, req.params, "params");
    const universityId = actorOf(res).universityId;
    // The batch first, so another university's batch is 404 whatever the body.
    await loadBatch(ctx.db, universityId, id);
    const key = ctx.config.portal.identityHmacKey;
    if (key === undefined) throw new BadRequestError("INVALID_REQUEST", { details: [{ field: "portal.identityHmacKey", message: "identity match is not configured on this service" }] });
    if (typeof req.body !== "string") throw new BadRequestError("UNSUPPORTED_MEDIA_TYPE");
    const body = req.body;
    const recorded = await audited(ctx.db, res, "batch.identities", id, () => recordIdentities(ctx.db, key, universityId, id, body), (count) => ({ count }));
    res.json({ batch: id, recorded });
  });
  return router;
}
