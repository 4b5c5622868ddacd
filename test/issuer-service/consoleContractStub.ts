import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Request, type Response } from "express";
import helmet from "helmet";
import type { GraduateRecord } from "../../core/src/GraduateRecord";
import type { RowError } from "../../core/src/graduateRowError";
import { parseGraduateFile } from "../../core/src/parseGraduateFile";
import { CONSOLE_DIST } from "../../issuer-service/app";

type State = "valid" | "revoked" | "superseded" | "pending";
interface HistoryEvent {
  at: string;
  event: "issued" | "revoked" | "superseded" | "reissued";
  reason: string | null;
  reasonCode: string | null;
  by: string | null;
  transaction: string | null;
  related: string | null;
}
interface StubCredential {
  id: string;
  batchId: string;
  record: GraduateRecord;
  state: State;
  issuedAt: string;
  history: HistoryEvent[];
  /** The credential this one supersedes once its batch is published (an upload in correction mode). */
  supersedes: string | null;
}
interface StubBatch {
  id: string;
  label: string | null;
  state: "anchoring" | "published";
  createdAt: string;
  credentials: string[];
}

interface StubKey {
  id: string;
  label: string;
  roles: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface ContractStub {
  url: string;
  key: string;
  keyLabel: string;
  close(): Promise<void>;
}

const KEY = "ca_00000000000000aa_console-contract-stub-key";
const KEY_ID = "00000000000000aa";
const both = (en: string, zh: string) => ({ en, "zh-Hant": zh });
const REISSUE_AFTER = both("Only a revoker can reissue after a revocation, from the credential's page and with a reason.", "只有撤銷人員可在證書頁面並附上原因，於撤銷後重新簽發。");
const CORRECT = both("To replace it, upload this row as a correction.", "如要取代，請以更正方式上載此行。");
const ISSUE_INSTEAD = both("Upload this row as a new issue, not as a correction.", "請以新簽發方式上載此行，而非更正。");
const fakeHash = () => `0x${randomUUID().replace(/-/g, "").repeat(2)}`;

/**
 * The issuer service's API as docs/ISSUER-SERVICE.md and issue 14 specify it for the console (dry run, lifecycle row
 * errors, credential search and history, revoke, correction uploads), in memory, behind the real service's CSP, serving
 * the real console build. The console's browser journey runs against it so the page's behaviour is tested on its own;
 * one university, one admin/registrar/revoker key to start with, batches published on their second read.
 */
export async function startContractStub(): Promise<ContractStub> {
  const keys = new Map<string, StubKey>([[KEY, { id: KEY_ID, label: "Registry office", roles: ["admin", "registrar", "revoker"], createdAt: "2026-11-01T08:00:00.000Z", revokedAt: null }]]);
  const credentials = new Map<string, StubCredential>();
  const batches: StubBatch[] = [];
  const audit: { id: number; at: string; keyId: string; action: string; target: string | null; result: string; detail: unknown }[] = [];
  const polls = new Map<string, number>();
  const now = () => new Date().toISOString();
  const record = (action: string, target: string | null) => audit.unshift({ id: audit.length + 1, at: now(), keyId: KEY_ID, action, target, result: "ok", detail: {} });
  const holding = (studentId: string, states: State[]) => [...credentials.values()].find((c) => c.record.studentId === studentId && states.includes(c.state));

  function batchView(batch: StubBatch) {
    const counts = { credentials: batch.credentials.length, valid: 0, revoked: 0, superseded: 0, pending: 0 };
    for (const id of batch.credentials) counts[credentials.get(id)!.state] += 1;
    const published = batch.state === "published";
    return {
      id: batch.id,
      state: batch.state,
      label: batch.label,
      source: "api",
      progress: { percent: published ? 100 : 70 },
      counts,
      attempts: 1,
      lastError: null,
      error: null,
      createdAt: batch.createdAt,
    };
  }

  function publish(batch: StubBatch): void {
    batch.state = "published";
    for (const id of batch.credentials) {
      const credential = credentials.get(id)!;
      credential.state = "valid";
      const old = credential.supersedes === null ? undefined : credentials.get(credential.supersedes);
      if (old !== undefined) {
        old.state = "superseded";
        old.history.push({ at: now(), event: "superseded", reason: credential.id, reasonCode: "superseded", by: KEY_ID, transaction: fakeHash(), related: credential.id });
      }
    }
  }

  const app = express();
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"], "connect-src": ["'self'"], "form-action": ["'self'"] },
      },
    }),
  );
  const api = express.Router();
  api.use((req, res, next) => {
    const key = keys.get((req.get("authorization") ?? "").replace(/^Bearer /, ""));
    if (key !== undefined && key.revokedAt === null) {
      res.locals.key = key;
      return next();
    }
    res.status(401).json({ error: { code: "UNAUTHENTICATED", message: both("A valid API key is required.", "須提供有效的 API 金鑰。") } });
  });
  api.get("/me", (_req, res) => {
    const key = res.locals.key as StubKey;
    res.json({ universityId: "harbour", keyId: key.id, roles: key.roles, label: key.label });
  });

  api.post("/batches", express.text({ type: "text/csv", limit: "5mb" }), (req: Request, res: Response) => {
    const text = String(req.body);
    const mode = req.query.mode === "correction" ? "correction" : "issue";
    const parsed = parseGraduateFile(text, "csv");
    // Core's row errors, or else the rows the credential lifecycle refuses in this mode (as the service words them).
    const details: (Omit<RowError, "code"> & { code: string; credential?: string | null })[] = [...parsed.errors];
    if (details.length === 0) {
      parsed.records.forEach((graduate, index) => {
        const refusal = (code: string, credential: string | null, message: { en: string; "zh-Hant": string }, fix: { en: string; "zh-Hant": string }) =>
          details.push({ row: index + 2, field: "student_id", code, value: graduate.studentId, credential, message: both(`${message.en} ${fix.en}`, `${message["zh-Hant"]}${fix["zh-Hant"]}`), fix });
        const revoked = holding(graduate.studentId, ["revoked"]);
        const live = holding(graduate.studentId, ["valid", "pending"]);
        if (revoked !== undefined && live === undefined) {
          refusal("REVOKED", revoked.id, both(`The credential of student ${graduate.studentId} (${revoked.id}) was revoked, and revocation is final.`, `學生 ${graduate.studentId} 的證書（${revoked.id}）已撤銷，撤銷是最終的。`), REISSUE_AFTER);
        } else if (live !== undefined && mode === "issue") {
          refusal("ALREADY_HOLDS", live.id, both(`Student ${graduate.studentId} already holds a valid credential (${live.id}).`, `學生 ${graduate.studentId} 已持有有效證書（${live.id}）。`), CORRECT);
        } else if (live === undefined && mode === "correction") {
          refusal("NO_CREDENTIAL", null, both(`Student ${graduate.studentId} holds no credential to correct.`, `學生 ${graduate.studentId} 沒有可更正的證書。`), ISSUE_INSTEAD);
        }
      });
    }
    if (req.query.dryRun === "true" && parsed.errors.length === 0) {
      res.json({ dryRun: true, count: parsed.records.length, preview: parsed.records.slice(0, 5), warnings: details });
      return;
    }
    if (details.length > 0) {
      res.status(422).json({ error: { code: "INVALID_ROWS", message: both(`${details.length} problem(s) found; nothing was stored.`, `發現 ${details.length} 個問題；沒有儲存任何資料。`), details, count: details.length } });
      return;
    }
    const batch: StubBatch = { id: `batch_${randomUUID()}`, label: typeof req.query.label === "string" ? req.query.label : null, state: "anchoring", createdAt: now(), credentials: [] };
    for (const graduate of parsed.records) {
      const id = `urn:uuid:${randomUUID()}`;
      const old = mode === "correction" ? (holding(graduate.studentId, ["valid"])?.id ?? null) : null;
      const history: HistoryEvent[] = [{ at: now(), event: old === null ? "issued" : "reissued", reason: null, reasonCode: null, by: "worker", transaction: fakeHash(), related: old }];
      credentials.set(id, { id, batchId: batch.id, record: graduate, state: "pending", issuedAt: now(), history, supersedes: old });
      batch.credentials.push(id);
    }
    batches.unshift(batch);
    record("batch.create", batch.id);
    res.status(202).json(batchView(batch));
  });
  api.get("/batches", (_req, res) => res.json({ items: batches.map(batchView), nextCursor: null }));
  api.get("/batches/:id", (req, res) => {
    const batch = batches.find((candidate) => candidate.id === req.params.id)!;
    const seen = (polls.get(batch.id) ?? 0) + 1;
    polls.set(batch.id, seen);
    if (seen >= 2 && batch.state !== "published") publish(batch);
    res.json(batchView(batch));
  });

  api.get("/credentials", (req, res) => {
    const q = String(req.query.q ?? "").toLowerCase();
    const matches = [...credentials.values()].filter(
      (c) =>
        (q === "" || [c.record.studentId, c.record.nameEn, c.record.nameZh, c.id].some((text) => text.toLowerCase().includes(q))) &&
        (req.query.batch === undefined || c.batchId === req.query.batch) &&
        (req.query.status === undefined || c.state === req.query.status),
    );
    const limit = Number(req.query.limit ?? 50);
    const from = Number(req.query.cursor ?? 0);
    res.json({
      items: matches.slice(from, from + limit).map((c) => ({ id: c.id, batchId: c.batchId, studentId: c.record.studentId, nameEn: c.record.nameEn, nameZh: c.record.nameZh, degreeEn: c.record.degreeEn, degreeZh: c.record.degreeZh, awardDate: c.record.awardDate, status: c.state, issuedAt: c.issuedAt })),
      nextCursor: from + limit < matches.length ? String(from + limit) : null,
      total: matches.length,
    });
  });
  api.get("/credentials/:id", (req, res) => {
    const c = credentials.get(req.params.id);
    if (c === undefined) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: both("The credential was not found.", "找不到證書。") } });
      return;
    }
    const r = c.record;
    res.json({
      id: c.id,
      batchId: c.batchId,
      studentId: r.studentId,
      state: c.state,
      status: { revoked: c.state === "revoked" || c.state === "superseded", revokedAt: null, reason: null, supersededBy: null },
      credential: { credentialSubject: { name: both(r.nameEn, r.nameZh), degree: both(r.degreeEn, r.degreeZh), major: both(r.majorEn, r.majorZh), ...(r.honoursEn === undefined || r.honoursZh === undefined ? {} : { honours: both(r.honoursEn, r.honoursZh) }), awardDate: r.awardDate } },
      history: c.history,
    });
  });
  api.post("/credentials/:id/revoke", express.json(), (req, res) => {
    const c = credentials.get(req.params.id)!;
    const body = req.body as { reason: string; reasonCode: string };
    const transaction = fakeHash();
    c.state = "revoked";
    c.history.push({ at: now(), event: "revoked", reason: body.reason, reasonCode: body.reasonCode, by: KEY_ID, transaction, related: null });
    record("credential.revoke", c.id);
    res.json({ transaction });
  });
  api.get("/audit", (_req, res) => res.json({ items: audit, nextCursor: null }));
  api.get("/api-keys", (_req, res) => res.json({ items: [...keys.values()] }));
  api.post("/api-keys", express.json(), (req, res) => {
    const body = req.body as { label: string; roles: string[] };
    const id = randomUUID().replace(/-/g, "").slice(0, 16);
    const key = `ca_${id}_${randomUUID()}`;
    keys.set(key, { id, label: body.label, roles: body.roles, createdAt: now(), revokedAt: null });
    record("apiKey.create", id);
    res.status(201).json({ key, ...keys.get(key) });
  });
  app.use("/api/v1", api);
  app.use(express.static(CONSOLE_DIST));

  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    key: KEY,
    keyLabel: "Registry office",
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
