/**
 * Thread body of wrapBatchInThread: builds and wraps a batch away from the main thread, where a 50,000-credential
 * batch would otherwise block every HTTP request (progress polls, /healthz) for the better part of a minute.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  type BatchContext,
  buildCredential,
  type GraduateRecord,
  type IssuerProfile,
  wrapBatch,
} from "@credanchor/core/issue";

const { records, issuer, context } = workerData as { records: GraduateRecord[]; issuer: IssuerProfile; context: BatchContext };
parentPort!.postMessage(wrapBatch(records.map((record) => buildCredential(record, issuer)), context));
