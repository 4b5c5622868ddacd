/**
 * Thread body of wrapBatchInThread: builds and wraps a batch away from the main thread, where a 50,000-credential
 * batch would otherwise block every HTTP request (progress polls, /healthz) for the better part of a minute.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  type BatchContext,
  buildKindCredential,
  type IssueKind,
  type IssuerProfile,
  type KindRecord,
  wrapBatch,
} from "@credanchor/core/issue";

const { records, issuer, context, kind } = workerData as { records: KindRecord[]; issuer: IssuerProfile; context: BatchContext; kind: IssueKind };
parentPort!.postMessage(wrapBatch(records.map((record) => buildKindCredential(record, issuer, kind)), context));
