/// <reference lib="webworker" />
/**
 * Runs every verification off the main thread: the page stays responsive while hundreds of credentials are hashed
 * and checked, and zod, the signature code and core/ live only in this worker's bundle, keeping the page's own script small.
 */
// The SHA-256 core already carries for content ids; ethers' own would add its SHA-512 to the bundle.
import { sha256 } from "@noble/hashes/sha2.js";
import {
  BaseError,
  bytesToHex,
  type ChainReader,
  decodeCredentialBytes,
  disclose,
  parseAnyCredential,
  readGradingScale,
  readVcExport,
  recogniseInput,
  reportHeadline,
  translate,
  unzipCredentialFiles,
  type VerificationReport,
  ZIP_LIMITS,
  verifyCredential,
} from "@credanchor/core/protocol";
import { createCachedChainReader, createJsonRpcClient, createRpcChainReader } from "@credanchor/core/chain";
import type { VerifierConfig } from "./config";
import { credentialContent } from "./credentialContent";
import type { BulkRow, ScaleOutcome, SkippedFile, WorkerRequest, WorkerResponse } from "./workerProtocol";

declare const self: DedicatedWorkerGlobalScope;

/** An unreachable or stalled RPC must turn into ERROR within seconds, never a hanging page. */
const RPC_TIMEOUT_MS = 4000;
/** Enough parallel verifications to overlap chain round trips without flooding the RPC endpoint. */
const BULK_CONCURRENCY = 8;
/** Rows are posted in small groups so the page repaints a few times a second rather than once per credential. */
const ROWS_PER_MESSAGE = 10;

const MIB = 1024 * 1024;
const ZIP_LIMIT_PARAMS = { entryMib: ZIP_LIMITS.maxEntryBytes / MIB, totalMib: ZIP_LIMITS.maxTotalBytes / MIB, entries: ZIP_LIMITS.maxEntries };

let readerFor: { key: string; reader: ChainReader } | undefined;
let currentBulk = 0;
/** The files of the bulk run still arriving from the page, a slice per message. */
let intake: { id: number; files: File[] } | undefined;

function chainReader(config: VerifierConfig): ChainReader {
  const key = JSON.stringify(config);
  if (readerFor?.key !== key) {
    // Plain JSON-RPC over fetch rather than an ethers provider: the worker needs eth_call and two block reads.
    const client = createJsonRpcClient(config.rpcUrl, { fetch: (url, init) => fetch(url, init), timeoutMs: RPC_TIMEOUT_MS });
    readerFor = { key, reader: createRpcChainReader(client, config.deployment) };
  }
  return readerFor.reader;
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** A chosen file, read. */
interface InputFile {
  name: string;
  bytes: ArrayBuffer;
}

function isZip(file: InputFile): boolean {
  const head = new Uint8Array(file.bytes, 0, Math.min(4, file.bytes.byteLength));
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Files and ZIP archives (unzipped here, off the main thread, within core's ZIP_LIMITS) to the credential files they hold. */
function expand(files: InputFile[]): { credentials: { name: string; bytes: Uint8Array }[]; unreadableZips: string[]; skipped: SkippedFile[] } {
  const found: { name: string; bytes: Uint8Array }[] = [];
  const unreadableZips: string[] = [];
  const refused: SkippedFile[] = [];
  for (const file of files) {
    if (isZip(file) || file.name.toLowerCase().endsWith(".zip")) {
      const unzipped = unzipCredentialFiles(new Uint8Array(file.bytes));
      if (unzipped === null) {
        unreadableZips.push(file.name);
        continue;
      }
      for (const { name, bytes } of unzipped.files) found.push({ name: `${file.name}/${name}`, bytes });
      for (const { name, reason } of unzipped.refused) refused.push({ file: `${file.name}/${name}`, what: translate(`zip.${reason}`, ZIP_LIMIT_PARAMS) });
    } else {
      found.push({ name: file.name, bytes: new Uint8Array(file.bytes) });
    }
  }
  // A registrar's ZIP holds its batch report beside the credentials: that file is named, not counted as INVALID.
  const credentials: { name: string; bytes: Uint8Array }[] = [];
  const skipped: SkippedFile[] = refused;
  for (const file of found) {
    const kind = recogniseInput(new TextDecoder().decode(file.bytes));
    if (kind === "batchReport" || kind === "batchManifest" || kind === "openCerts" || kind === "blockcerts") {
      skipped.push({ file: file.name, what: translate(`headline.input.${kind}`) });
    } else {
      credentials.push(file);
    }
  }
  return { credentials, unreadableZips, skipped };
}

/** The credential a VC 2.0 export (`credanchor export --format vc`) carries, shown as what was verified. */
function credentialText(text: string): string {
  return readVcExport(text) ?? text;
}

function rowOf(file: string, bytes: Uint8Array, report: VerificationReport): BulkRow {
  const issuerCheck = report.checks.find((c) => c.check === "ISSUER");
  const registered = issuerCheck?.status === "VALID" ? (issuerCheck.data as { nameEn?: string; nameZh?: string } | undefined) : undefined;
  const university =
    registered?.nameEn !== undefined && registered.nameZh !== undefined
      ? { en: registered.nameEn, "zh-Hant": registered.nameZh }
      : (report.credential?.issuerName ?? null);
  const failing = report.checks.find((c) => c.status === "INVALID") ?? report.checks.find((c) => c.status === "ERROR");
  const anchor = report.checks.find((c) => c.check === "ANCHOR");
  const blockNumber = anchor?.status === "VALID" ? anchor.data?.blockNumber : undefined;
  // What the file shows; only FORMAT-valid files have content to show.
  const text = report.credential === null ? undefined : decoded(bytes);
  const content = text === undefined ? undefined : credentialContent(text);
  return {
    file,
    studentId: content?.studentId ?? null,
    name: content?.name ?? null,
    award: content?.degree ?? null,
    university,
    awardDate: content?.awardDate ?? null,
    kind: report.credential?.kind ?? null,
    status: report.status,
    reason: reportHeadline(report),
    failure: failing === undefined ? null : { check: failing.check, code: failing.code, message: failing.message },
    blockNumber: typeof blockNumber === "number" ? blockNumber : null,
    verifiedAt: report.verifiedAt,
  };
}

async function bulk(id: number, config: VerifierConfig, files: File[]): Promise<void> {
  const read = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })));
  const { credentials, unreadableZips, skipped } = expand(read);
  post({ kind: "bulkStart", id, total: credentials.length, unreadableZips, skipped });
  // One chain state and one read per distinct question for the whole run; a failed read is asked again by the
  // next credential that needs it (core's caching policy), so one lost request does not fail every row.
  const reader = createCachedChainReader(chainReader(config));
  let pending: { index: number; row: BulkRow }[] = [];
  const flush = () => {
    if (pending.length > 0) post({ kind: "bulkRows", id, rows: pending });
    pending = [];
  };
  let next = 0;
  const lane = async () => {
    // A newer run (the user dropped other files) makes this one stop picking up work.
    while (next < credentials.length && currentBulk === id) {
      const index = next++;
      const credential = credentials[index] as { name: string; bytes: Uint8Array };
      const report = await verifyCredential(credential.bytes, { reader, deployment: config.deployment });
      pending.push({ index, row: rowOf(credential.name, credential.bytes, report) });
      if (pending.length >= ROWS_PER_MESSAGE) flush();
    }
  };
  await Promise.all(Array.from({ length: BULK_CONCURRENCY }, lane));
  flush();
  post({ kind: "bulkDone", id, cancelled: next < credentials.length });
}

/** The text of a file's bytes, or undefined when the verifier refuses them (its report then says why). */
function decoded(bytes: Uint8Array): string | undefined {
  try {
    return decodeCredentialBytes(bytes);
  } catch {
    return undefined;
  }
}

async function verifyOne(id: number, config: VerifierConfig, input: string | ArrayBuffer): Promise<void> {
  const started = performance.now();
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : new Uint8Array(input);
  const text = typeof input === "string" ? input : decoded(bytes);
  const verified = text === undefined ? "" : credentialText(text);
  // A cache of its own per file: with a lens the chain answers in one request, and each drop sees the newest block.
  const reader = createCachedChainReader(chainReader(config));
  const report = await verifyCredential(text === undefined ? bytes : verified, { reader, deployment: config.deployment });
  // Bytes that are not UTF-8 text were meant as a credential (or are nothing): FORMAT already says what is wrong.
  const kind = text === undefined ? "credential" : recogniseInput(text);
  post({
    kind: "report",
    id,
    report,
    sha256: bytesToHex(sha256(bytes)),
    elapsedMs: Math.round(performance.now() - started),
    credentialText: verified,
    headline: reportHeadline(report, kind),
    input: kind,
  });
}

/** The holder's redaction (SPEC §6.2) runs here because parsing and claim hashing need zod and keccak256. */
function redact(id: number, text: string, pointers: string[]): void {
  try {
    post({ kind: "disclosed", id, text: `${JSON.stringify(disclose(parseAnyCredential(text), pointers), null, 2)}\n` });
  } catch (error) {
    post({ kind: "failed", id, message: error instanceof BaseError ? `${error.shortMessage} [${error.code}]` : String(error) });
  }
}

/**
 * A transcript's grading scale, fetched by its CID and shown only if the bytes are the ones the CID names (SPEC §12.2):
 * a content store that is down, slow or answers something else yields the reason, never a legend.
 */
async function fetchScale(url: string, cid: string): Promise<ScaleOutcome> {
  let bytes: Uint8Array;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(RPC_TIMEOUT_MS), credentials: "omit" });
    if (!response.ok) return { status: "unreachable" };
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return { status: "unreachable" };
  }
  try {
    return { status: "shown", scale: readGradingScale(bytes, cid) };
  } catch (error) {
    return { status: error instanceof BaseError && error.code === "CONTENT_CID_MISMATCH" ? "mismatch" : "invalid" };
  }
}

function fail(id: number, error: unknown): void {
  post({ kind: "failed", id, message: error instanceof Error ? error.message : String(error) });
}

self.addEventListener("message", (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === "disclose") return redact(request.id, request.text, request.pointers);
  if (request.kind === "scale") return void fetchScale(request.url, request.cid).then((outcome) => post({ kind: "scale", id: request.id, outcome }));
  if (request.kind === "cancel") {
    if (currentBulk === request.id) currentBulk = 0;
    return;
  }
  if (request.kind === "bulk") {
    // The first slice of a run's files makes it the current run (an older one stops picking up work, a cancel that
    // comes while the files are still arriving stops this one); the last slice starts it.
    if (intake?.id !== request.id) {
      intake = { id: request.id, files: [] };
      currentBulk = request.id;
    }
    intake.files.push(...request.files);
    if (!request.last) return;
    const { files } = intake;
    intake = undefined;
    return void bulk(request.id, request.config, files).catch((error: unknown) => fail(request.id, error));
  }
  verifyOne(request.id, request.config, request.input).catch((error: unknown) => fail(request.id, error));
});
