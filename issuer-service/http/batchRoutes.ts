import { createHash } from "node:crypto";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { DEFAULT_MAX_ROWS } from "@credanchor/core/issue";
import { canonicalize, CREDENTIAL_KINDS, MAX_REASON_BYTES, reasonFits, REVOCATION_REASON_OPTIONS } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import { CursorParam } from "../domain/keysetCursor";
import { loadBatch, toBatchView } from "../domain/BatchView";
import { createBatch } from "../domain/createBatch";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, replayIdempotentRequest, type Claim } from "../domain/idempotency";
import { listBatches } from "../domain/listBatches";
import { parseUpload } from "../domain/parseUpload";
import { readUpload, type Upload } from "../domain/readUpload";
import { revokeBatch } from "../domain/revokeBatch";
import { writeBatchZip } from "../domain/writeBatchZip";
import { BadRequestError, ConflictError } from "../errors";
import { HoldingsRefusedError } from "../domain/HoldingsRefusedError";
import { importCredentials } from "../domain/importCredentials";
import { previewBatch } from "../domain/previewBatch";
import { uploadRefused } from "../domain/refusalErrors";
import { actorOf } from "./authenticate";
import { permit } from "./permissions";
import { audited } from "./audited";
import { parseWith } from "./parseWith";

export const BatchId = z.object({ id: z.string().regex(/^batch_[0-9a-f-]{36}$/) }).strict();
const ListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: CursorParam.optional(), kind: z.enum(CREDENTIAL_KINDS).optional() })
  .strict();
/**
 * How an upload is meant: its credential kind, new graduates or corrections of live credentials; `dryRun` previews
 * without storing.
 */
const UploadQuery = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS).default("award"),
    mode: z.enum(["issue", "correction"]).default("issue"),
    label: z.string().trim().min(1).max(200).optional(),
    dryRun: z.enum(["true", "false"]).default("false"),
  })
  .strict();
type UploadQuery = z.infer<typeof UploadQuery>;
const ImportRequest = z
  .object({ label: z.string().trim().min(1).max(200), credentials: z.array(z.unknown()).min(1).max(DEFAULT_MAX_ROWS), gradingScale: z.unknown().optional() })
  .strict();
const IdempotencyKey = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);
export const RevokeRequest = z
  .object({
    reason: z.string().trim().min(1).refine(reasonFits, { message: `at most ${MAX_REASON_BYTES} bytes` }),
    reasonCode: z.enum(REVOCATION_REASON_OPTIONS).default("unspecified"),
  })
  .strict();

const UPLOAD_TYPES = ["text/csv", "application/json", "multipart/form-data"];

function checkUploadType(req: Request): void {
  if (req.is(UPLOAD_TYPES)) return;
  throw new BadRequestError("UNSUPPORTED_MEDIA_TYPE", { details: [{ field: "content-type", message: "text/csv or application/json" }] });
}

export function batchRoutes(ctx: ServiceContext): Router {
  const { db } = ctx;
  const router = Router();
  const small = express.json({ limit: "16kb", strict: true });

  // The Idempotency-Key is claimed before the body is read: a duplicate sent while the first upload is still
  // arriving is then seen as in flight (409) instead of being parsed twice.
  const claim = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("idempotency-key");
    if (header === undefined) return next();
    const key = parseWith(IdempotencyKey, header, "headers");
    res.locals.idempotency = { key, claim: (await claimIdempotencyKey(db, actorOf(res).universityId, key)) satisfies Claim };
    next();
  };

  // A body that cannot be read (too large, aborted) gives a claimed key back, like any other failed upload.
  const rawUpload = express.raw({ type: UPLOAD_TYPES, limit: ctx.config.maxUploadBytes });
  const readBody = (req: Request, res: Response, next: NextFunction) =>
    rawUpload(req, res, (error?: unknown) => {
      const idempotency = res.locals.idempotency as { key: string; claim: Claim } | undefined;
      if (error === undefined || idempotency?.claim.kind !== "claimed") return next(error);
      releaseIdempotencyKey(db, actorOf(res).universityId, idempotency.key).then(
        () => next(error),
        () => next(error),
      );
    });

  router.post(
    "/batches",
    (req, res, next) => {
      const query = parseWith(UploadQuery, req.query, "query");
      res.locals.upload = query;
      permit(query.mode === "correction" ? "batch.correct" : "batch.create")(req, res, next);
    },
    (req, _res, next) => {
      checkUploadType(req);
      next();
    },
    (req, res, next) => ((res.locals.upload as UploadQuery).dryRun === "true" ? next() : claim(req, res, next)),
    readBody,
    async (req, res) => {
      const universityId = actorOf(res).universityId;
      const query = res.locals.upload as UploadQuery;
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      const contentType = req.get("content-type") ?? "";
      if (query.dryRun === "true") {
        const upload = await readUpload(bytes, contentType, query.kind);
        res.status(200).json(await previewBatch(db, universityId, query.kind, parseUpload(upload), query.mode));
        return;
      }
      const idempotency = res.locals.idempotency as { key: string; claim: Claim } | undefined;
      const release = async () => {
        if (idempotency?.claim.kind === "claimed") await releaseIdempotencyKey(db, universityId, idempotency.key);
      };
      let upload: Upload;
      try {
        upload = await readUpload(bytes, contentType, query.kind);
      } catch (error) {
        await release();
        throw error;
      }
      // What the upload says, not its bytes: a multipart body's boundary differs on every retry of the same upload.
      const bodyHash = createHash("sha256")
        .update(`${query.kind}\n${query.mode}\n${query.label ?? ""}\n${upload.format}\n${canonicalize(upload.kind)}\n`)
        .update(upload.text)
        .digest("hex");
      if (idempotency?.claim.kind === "completed") {
        const batchId = replayIdempotentRequest(idempotency.claim, bodyHash);
        res.status(200).json(await toBatchView(db, await loadBatch(db, universityId, batchId), ctx.chainHealth.latestBlock));
        return;
      }
      try {
        const batchId = await audited(db, res, query.mode === "correction" ? "batch.correct" : "batch.create", null, async () => {
          const { records, rows } = parseUpload(upload);
          try {
            // One transaction: a crash can never leave a batch whose Idempotency-Key is not yet bound to it.
            return await db.transaction().execute(async (trx) => {
              const id = await createBatch(trx, { universityId, kind: upload.kind, records, mode: query.mode === "correction" ? "correction" : "issue", label: query.label });
              if (idempotency !== undefined) await completeIdempotencyKey(trx, universityId, idempotency.key, bodyHash, id);
              return id;
            });
          } catch (error) {
            if (!(error instanceof HoldingsRefusedError)) throw error;
            throw uploadRefused(error, new Map(records.map((record, index) => [record.studentId, rows[index]!])));
          }
        }, (id) => ({ batch: id, kind: query.kind, mode: query.mode, label: query.label ?? null }));
        res.status(202).location(`/api/v1/batches/${batchId}`).json(await toBatchView(db, await loadBatch(db, universityId, batchId), ctx.chainHealth.latestBlock));
      } catch (error) {
        await release();
        throw error;
      }
    },
  );

  // A batch issued with `credanchor issue`: its credential files, checked against the chain, become a batch here.
  const importBody = express.json({ limit: ctx.config.maxUploadBytes, strict: true });
  router.post("/batches/import", permit("batch.import"), importBody, async (req, res) => {
    const request = parseWith(ImportRequest, req.body, "body");
    const universityId = actorOf(res).universityId;
    const batchId = await audited(db, res, "batch.import", null, () => importCredentials(ctx, universityId, request), (id) => ({ batch: id, label: request.label }));
    res.status(201).location(`/api/v1/batches/${batchId}`).json(await toBatchView(db, await loadBatch(db, universityId, batchId), ctx.chainHealth.latestBlock));
  });

  router.get("/batches", permit("batch.list"), async (req, res) => {
    const query = parseWith(ListQuery, req.query, "query");
    res.json(await listBatches(db, actorOf(res).universityId, query, ctx.chainHealth.latestBlock));
  });

  router.get("/batches/:id", permit("batch.read"), async (req, res) => {
    const { id } = parseWith(BatchId, req.params, "params");
    res.json(await toBatchView(db, await loadBatch(db, actorOf(res).universityId, id), ctx.chainHealth.latestBlock));
  });

  router.get("/batches/:id/credentials", permit("batch.download"), async (req, res) => {
    const { id } = parseWith(BatchId, req.params, "params");
    await audited(db, res, "batch.download", id, async () => {
      // Checked before the first byte is written, so "not published" is still a clean 409.
      const batch = await loadBatch(db, actorOf(res).universityId, id);
      if (batch.state !== "published") {
        throw ConflictError.batchNotPublished(batch.state);
      }
      res.status(200).type("application/zip").attachment(`${id}.zip`);
      await writeBatchZip(db, actorOf(res).universityId, id, ctx.config.portal.claimCodeDays, (chunk) => res.write(chunk), () => res.end());
    });
  });

  router.post("/batches/:id/revoke", permit("batch.revoke"), small, async (req, res) => {
    const { id } = parseWith(BatchId, req.params, "params");
    const request = parseWith(RevokeRequest, req.body, "body");
    const result = await audited(db, res, "batch.revoke", id, () => revokeBatch(ctx, actorOf(res).universityId, id, request), (r) => ({
      reason: request.reason,
      reasonCode: request.reasonCode,
      transaction: r.transaction,
    }));
    res.json(result);
  });

  return router;
}
