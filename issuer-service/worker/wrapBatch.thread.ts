/**
 * Thread body of wrapBatchInThread: builds and wraps a batch away from the main thread, where a 50,000-credential
 * batch would otherwise block every HTTP request (progress polls, /healthz) for the better part of a minute.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildCredential, type IssuerProfile } from "../../core/buildCredential";
import type { GraduateRecord } from "../../core/GraduateRecord";
import { wrapBatch, type BatchContext } from "../../core/wrapBatch";

const { records, issuer, context } = workerData as { records: GraduateRecord[]; issuer: IssuerProfile; context: BatchContext };
parentPort!.postMessage(wrapBatch(records.map((record) => buildCredential(record, issuer)), context));
