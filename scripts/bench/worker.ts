/**
 * One bench worker thread: issues its slice of the registrar file (validate, build, salt and hash, then — once the
 * main thread has the tree and signature — attach proofs and serialise to a JSON-lines file), and verifies a
 * JSON-lines file offline against a chain snapshot. Credentials never cross threads as objects: only leaves, tree
 * layers and a snapshot do.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { keccak256 as ethersKeccak } from "ethers";
import {
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
  initFastKeccak,
  keccak256,
  PROOF_TYPE,
  verifyParsedCredential,
} from "@credanchor/core/protocol";
import { graduateCsv } from "./graduateRows";
import { ByteWriter } from "./ByteWriter";
import { byteLines, lines } from "./lines";

export interface BatchContextMessage {
  chainId: number;
  anchor: string;
  issuer: string;
  signer: string;
}

export type WorkerRequest =
  | { type: "prepare"; from: number; count: number; dir: string }
  | { type: "hash"; issuer: IssuerProfile; context: BatchContextMessage; now: string; stagingPath: string }
  | { type: "serialise"; layers: Uint8Array[]; root: Hex; signature: Hex; count: number; path: string }
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
 * This thread's slice of the registrar's file as CSV files of at most CHUNK_ROWS graduates, each with the header:
 * hashing reads, parses, builds and hashes one part at a time and drops it, so a thread never holds more than one
 * part's text and graduate records, whatever N is (the whole slice's records took 4 KB a row: 525 MB per thread at
 * 262,144; its text in memory, 0.8 KB a row).
 */
let parts: { firstRow: number; count: number; path: string }[] = [];
const CHUNK_ROWS = 8192;
let context: BatchContextMessage | undefined;
const SEPARATOR = "\u0001";
const SEPARATOR_BYTE = 0x01;

/** Writes this thread's slice as files in `dir` (not timed: the registrar's file exists before issuance starts). */
function prepare(request: Extract<WorkerRequest, { type: "prepare" }>): number {
  parts = [];
  for (let done = 0; done < request.count; done += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, request.count - done);
    const path = join(request.dir, `graduates-${request.from + done}.csv`);
    writeFileSync(path, graduateCsv(count, request.from + done));
    parts.push({ firstRow: done, count, path });
  }
  return request.count;
}

function hashSlice(request: Extract<WorkerRequest, { type: "hash" }>) {
  context = request.context;
  const issuerDid = `did:pkh:eip155:${context.chainId}:${context.issuer}`;
  const now = new Date(request.now);
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const leaves: string[] = [];
  const studentIds: string[] = [];
  const out = new ByteWriter(request.stagingPath);
  for (let part = parts.shift(); part !== undefined; part = parts.shift()) {
    const { records, errors } = parseGraduateFile(readFileSync(part.path, "utf8"), "csv", { maxRows: Number.MAX_SAFE_INTEGER, now });
    unlinkSync(part.path);
    // Row numbers as in the slice's one file: a part's header is row 1 of the part only.
    const offset = part.firstRow;
    if (errors.length > 0) return { errors: errors.slice(0, 10).map((error) => ({ ...error, row: error.row + offset })), studentIds: [], sortedLeaves: [] };
    records.forEach((record, i) => {
      const credential = buildCredential(record, request.issuer);
      // The same refusal as wrapBatch: every credential of the batch names the batch's issuer.
      if (credential.issuer.id !== issuerDid) throw new Error(`record ${offset + i} is not issued by ${issuerDid}`);
      const { salts, leaf } = saltClaims(credential);
      leaves.push(leaf);
      studentIds.push(record.studentId);
      out.utf8(`${leaf}${JSON.stringify(credential).slice(0, -1)}${SEPARATOR}${JSON.stringify(salts)}\n`);
    });
  }
  out.close();
  if (studentIds.length !== count) throw new Error(`prepared ${count} graduates, hashed ${studentIds.length}`);
  staging = { path: request.stagingPath, count };
  // Sorted here, on every thread at once: the main thread merges the threads' lists.
  return { errors: [], studentIds, sortedLeaves: leaves.sort() };
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

/** Value of each lowercase hex digit's byte (the staged leaves are written by bytesToHex). */
const NIBBLE = new Int8Array(256).fill(-1);
Buffer.from("0123456789abcdef", "latin1").forEach((code, value) => (NIBBLE[code] = value));

/** The 32 bytes of the staged line's leaf, its first 66 bytes (`0x` and 64 lowercase hex digits), into `leaf`. */
function readLeaf(line: Uint8Array, leaf: Uint8Array): void {
  for (let i = 0; i < 32; i++) {
    const high = NIBBLE[line[2 + 2 * i] as number] as number;
    const low = NIBBLE[line[3 + 2 * i] as number] as number;
    if (high < 0 || low < 0) throw new Error("a staged line does not start with its leaf");
    leaf[i] = 16 * high + low;
  }
}

/** A string member's JSON text, which the proof template writes as it is: refuses any value JSON.stringify would escape. */
function plainJsonString(value: string): string {
  const text = `"${value}"`;
  if (JSON.stringify(value) !== text) throw new Error(`${value} is not plain ASCII`);
  return text;
}

/** The first serialised line is JSON.stringify's text of itself, with the proof of its leafIndex. */
function checkSerialised(line: string, layers: Uint8Array[], leafIndex: number): void {
  const credential = JSON.parse(line) as Credential;
  if (`${JSON.stringify(credential)}\n` !== line) throw new Error("the serialised credential is not JSON.stringify's text");
  if (JSON.stringify(credential.proof.merkleProof) !== JSON.stringify(proofFromLayers(layers, leafIndex))) throw new Error("the serialised proof is not the leaf's");
}

/**
 * Phase 2: each staged line plus its proof, as bytes: the staged document and salts are copied, never decoded, and
 * the proof is written from a template of what every credential of the batch shares, its leafIndex and its nodes'
 * hex straight from the shared layers. The result is exactly JSON.stringify({ ...credential, proof }) (the proof's
 * members in wrapBatch's order, `salts` last), which the first line of each thread checks: JSON.stringify of its
 * parse gives the same text, and its merkleProof is proofFromLayers' for its leafIndex.
 */
function serialise(request: Extract<WorkerRequest, { type: "serialise" }>) {
  if (context === undefined || staging === undefined) throw new Error("serialise before hash");
  const { layers, root, signature, count } = request;
  const { chainId, anchor, issuer, signer } = context;
  const head =
    `,"proof":{"type":${plainJsonString(PROOF_TYPE)},"chainId":${chainId},"anchor":${plainJsonString(anchor)},"issuer":${plainJsonString(issuer)},` +
    `"signer":${plainJsonString(signer)},"merkleRoot":${plainJsonString(root)},"batchSize":${count},"leafIndex":`;
  const tail = `],"signature":${plainJsonString(signature)},"salts":`;
  const out = new ByteWriter(request.path);
  const leaf = new Uint8Array(32);
  let written = 0;
  for (const line of byteLines(staging.path)) {
    readLeaf(line, leaf);
    const leafIndex = indexOfLeaf(layers[0] as Uint8Array, leaf);
    if (leafIndex < 0) throw new Error(`leaf ${Buffer.from(leaf).toString("hex")} is not in the tree`);
    const separator = line.indexOf(SEPARATOR_BYTE, 66);
    out.bytesOf(line.subarray(66, separator));
    out.ascii(head);
    out.ascii(`${leafIndex},"merkleProof":[`);
    let index = leafIndex;
    let nodes = 0;
    for (let level = 0; level < layers.length - 1; level++, index >>>= 1) {
      const layer = layers[level] as Uint8Array;
      const sibling = index ^ 1;
      if (32 * sibling >= layer.length) continue;
      if (nodes++ > 0) out.ascii(",");
      out.quotedBytes32Hex(layer, 32 * sibling);
    }
    out.ascii(tail);
    out.bytesOf(line.subarray(separator + 1));
    out.ascii("}}\n");
    // The first line is still whole in the writer's buffer (nothing has been flushed yet).
    if (written === 0) checkSerialised(out.pending().toString("utf8"), layers, leafIndex);
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
          parentPort?.postMessage({ ok: true, result, heapMb: heapMb() });
          return;
        }
        case "serialise":
          parentPort?.postMessage({ ok: true, result: serialise(request), heapMb: heapMb() });
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
