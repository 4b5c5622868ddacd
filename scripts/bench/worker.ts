import * as fs from "node:fs";
/**
 * One bench worker thread: issues its slice of the registrar file (validate, build, salt and hash, then — once the
 * main thread has the tree and signature — attach proofs and serialise to a JSON-lines file), and verifies a
 * JSON-lines file offline against a chain snapshot. Credentials never cross threads as objects: only leaves, tree
 * layers and a snapshot do.
 */
import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { keccak256 as ethersKeccak } from "ethers";
import {
  createDirectoryStore,
  buildCredential,
  type IssuerProfile,
  parseGraduateFile,
  proofFromLayers,
  saltClaims,
} from "@credanchor/core/issue";
import { type ChainSnapshot, createCachedChainReader, offlineChainReader } from "@credanchor/core/chain";
import {
  createVerifyCache,
  type Credential,
  type Deployment,
  compareBytes,
  type Hex,
  hexToBytes,
  initFastKeccak,
  keccak256,
  PROOF_TYPE,
  verifyParsedCredential,
} from "@credanchor/core/protocol";
import { graduateCsv } from "./graduateRows";
import { lines } from "./lines";

export interface BatchContextMessage {
  chainId: number;
  anchor: string;
  issuer: string;
  signer: string;
}

export type WorkerRequest =
  | { type: "prepare"; from: number; count: number }
  | { type: "hash"; issuer: IssuerProfile; context: BatchContextMessage; now: string; stagingPath: string }
  | { type: "serialise"; layers: Uint8Array[]; root: Hex; signature: Hex; count: number; path: string }
  | { type: "putContent"; storeDir: string; bytes: Uint8Array }
  | { type: "verify"; path: string; snapshot: ChainSnapshot; deployment: Pick<Deployment, "chainId" | "anchor" | "registry">; now: string };

export interface VerifyTally {
  count: number;
  statuses: Record<string, number>;
  /** Non-OK codes of any check, counted. */
  codes: Record<string, number>;
  /** Leaves whose STATUS check was not OK, for the main thread to compare with what it revoked. */
  notOkLeaves: string[];
}

/**
 * Phase 1 writes each credential to a staging file as `<leaf><document without its closing brace>\u0001<salts>`
 * (JSON.stringify never emits a raw U+0001 or line break), so no credential is held in memory while the main
 * thread builds and anchors the tree; phase 2 streams the file back and appends the proof.
 */
let staging: { path: string; count: number } | undefined;
/**
 * This thread's slice of the registrar's file as CSV parts of at most CHUNK_ROWS graduates, each with the header:
 * hashing parses, builds and hashes one part at a time and drops it, so a thread never holds more than one part's
 * graduate records, whatever N is (the whole slice's records took 4 KB a row: 525 MB per thread at 262,144).
 */
let parts: { firstRow: number; count: number; csv: string }[] = [];
const CHUNK_ROWS = 8192;
let context: BatchContextMessage | undefined;
const SEPARATOR = "\u0001";

class LineWriter {
  private readonly fd: number;
  private chunk = "";
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  write(line: string): void {
    this.chunk += line;
    if (this.chunk.length > 1 << 18) this.flush();
  }
  private flush(): void {
    this.bytes += writeSync(this.fd, this.chunk);
    this.chunk = "";
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Generates this thread's slice (not timed, like the main thread's CSV before). */
function prepare(request: Extract<WorkerRequest, { type: "prepare" }>): number {
  parts = [];
  for (let done = 0; done < request.count; done += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, request.count - done);
    parts.push({ firstRow: done, count, csv: graduateCsv(count, request.from + done) });
  }
  return request.count;
}

function hashSlice(request: Extract<WorkerRequest, { type: "hash" }>) {
  context = request.context;
  const issuerDid = `did:pkh:eip155:${context.chainId}:${context.issuer}`;
  const now = new Date(request.now);
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const leaves = new Uint8Array(32 * count);
  const studentIds: string[] = [];
  const out = new LineWriter(request.stagingPath);
  for (let part = parts.shift(); part !== undefined; part = parts.shift()) {
    const { records, errors } = parseGraduateFile(part.csv, "csv", { maxRows: Number.MAX_SAFE_INTEGER, now });
    // Row numbers as in the slice's one file: a part's header is row 1 of the part only.
    const offset = part.firstRow;
    if (errors.length > 0) return { errors: errors.slice(0, 10).map((error) => ({ ...error, row: error.row + offset })), studentIds: [], leaves: new Uint8Array(0) };
    records.forEach((record, i) => {
      const credential = buildCredential(record, request.issuer);
      // The same refusal as wrapBatch: every credential of the batch names the batch's issuer.
      if (credential.issuer.id !== issuerDid) throw new Error(`record ${offset + i} is not issued by ${issuerDid}`);
      const { salts, leaf } = saltClaims(credential);
      leaves.set(hexToBytes(leaf), 32 * (offset + i));
      studentIds.push(record.studentId);
      out.write(`${leaf}${JSON.stringify(credential).slice(0, -1)}${SEPARATOR}${JSON.stringify(salts)}\n`);
    });
  }
  out.close();
  if (studentIds.length !== count) throw new Error(`prepared ${count} graduates, hashed ${studentIds.length}`);
  staging = { path: request.stagingPath, count };
  return { errors: [], studentIds, leaves };
}


/**
 * Position of `leaf` among the tree's sorted leaves (layer 0, 32 bytes each), or -1. The tree stays in the shared
 * bytes: every node as a hex string in each thread cost 2N strings per thread (out of memory at 262,144).
 */
function indexOfLeaf(leaves: Uint8Array, leaf: Uint8Array): number {
  let low = 0;
  let high = leaves.length / 32 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compareBytes(leaves.subarray(32 * middle, 32 * middle + 32), leaf);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Phase 2: each staged line plus its proof, serialised exactly as JSON.stringify({ ...credential, proof }) would
 * (the proof's members in the order wrapBatch gives them, `salts` last).
 */
function serialise(request: Extract<WorkerRequest, { type: "serialise" }>) {
  if (context === undefined || staging === undefined) throw new Error("serialise before hash");
  const { layers, root, signature, count } = request;
  const { chainId, anchor, issuer, signer } = context;
  const out = new LineWriter(request.path);
  let written = 0;
  for (const line of lines(staging.path)) {
    const leaf = line.slice(0, 66) as Hex;
    const separator = line.indexOf(SEPARATOR, 66);
    const leafIndex = indexOfLeaf(layers[0] as Uint8Array, hexToBytes(leaf));
    if (leafIndex < 0) throw new Error(`leaf ${leaf} is not in the tree`);
    const proof = { type: PROOF_TYPE, chainId, anchor, issuer, signer, merkleRoot: root, batchSize: count, leafIndex, merkleProof: proofFromLayers(layers, leafIndex), signature };
    out.write(`${line.slice(66, separator)},"proof":${JSON.stringify(proof).slice(0, -1)},"salts":${line.slice(separator + 1)}}}\n`);
    written++;
  }
  out.close();
  if (written !== staging.count) throw new Error(`staged ${staging.count} credentials, serialised ${written}`);
  unlinkSync(staging.path);
  staging = undefined;
  return { count: written, bytes: out.bytes };
}

async function verifyFile(request: Extract<WorkerRequest, { type: "verify" }>): Promise<VerifyTally> {
  const reader = createCachedChainReader(offlineChainReader, { snapshot: request.snapshot });
  const cache = createVerifyCache();
  const now = new Date(request.now);
  const options = { reader, deployment: request.deployment, cache, now: () => now };
  const tally: VerifyTally = { count: 0, statuses: {}, codes: {}, notOkLeaves: [] };
  for (const line of lines(request.path)) {
    const credential = JSON.parse(line) as Credential;
    const report = await verifyParsedCredential(credential, options);
    tally.count++;
    tally.statuses[report.status] = (tally.statuses[report.status] ?? 0) + 1;
    for (const check of report.checks) {
      if (check.code === "OK") continue;
      tally.codes[check.code] = (tally.codes[check.code] ?? 0) + 1;
      if (check.check === "STATUS") tally.notOkLeaves.push(String(report.checks[1]?.data?.leaf));
    }
  }
  return tally;
}

/** This thread's V8 heap: the total it has reserved, and the most it has used, in MB. */
function heapMb(): { total: number; used: number } {
  const stats = getHeapStatistics();
  return { total: Math.round(stats.total_heap_size / 2 ** 20), used: Math.round(stats.used_heap_size / 2 ** 20) };
}

const ready = initFastKeccak().then(() => ethersKeccak.register((data) => keccak256(data)));

parentPort?.on("message", (request: WorkerRequest) => {
  void (async () => {
    await ready;
    try {
      switch (request.type) {
        case "prepare":
          parentPort?.postMessage({ ok: true, result: prepare(request), heapMb: heapMb() });
          return;
        case "hash": {
          const result = hashSlice(request);
          parentPort?.postMessage({ ok: true, result, heapMb: heapMb() }, [result.leaves.buffer]);
          return;
        }
        case "serialise":
          parentPort?.postMessage({ ok: true, result: serialise(request), heapMb: heapMb() });
          return;
        case "putContent":
          parentPort?.postMessage({ ok: true, result: await createDirectoryStore(request.storeDir, fs).put(request.bytes), heapMb: heapMb() });
          return;
        case "verify":
          parentPort?.postMessage({ ok: true, result: await verifyFile(request), heapMb: heapMb() });
          return;
      }
    } catch (error) {
      parentPort?.postMessage({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
    }
  })();
});
