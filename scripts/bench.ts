/**
 * `npm run bench` (issue 7): issues N credentials through the real issuance path and anchors them on a local
 * Hardhat node, verifies all N offline against one cached read of the chain and, online, one `credanchor verify` of
 * BENCH_ONLINE credentials from 40 batches of 8 universities, runs
 * OpenAttestation's wrapDocuments/verifySignature on the same content in the same process, and measures anchoring
 * gas. Progress goes to stderr; the last stdout line is one JSON object. BENCH_N (default 100,000),
 * BENCH_THREADS (default: all cores), BENCH_OA_N (default min(N, 10,000), the size the peer figures were measured at), BENCH_ONLINE (default 1,000),
 * BENCH_SCALE (issuance-only sizes run in child processes afterwards, default 1000,10000,100000,262144; "" for none),
 * BENCH_TRANSCRIPTS (transcripts of 40 courses issued and verified, with OpenAttestation on the same, default 10,000; 0 for none),
 * BENCH_PAGE (the verifier page's time to verdict in Chromium, through bench:web's page-only run; default on, 0 for none).
 * See docs/PERFORMANCE.md.
 */
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet, keccak256 as ethersKeccak, type TransactionReceipt } from "ethers";
import {
  batchTypedData,
  buildBatchManifest,
  bytesToHex,
  type Deployment,
  MAX_BATCH_SIZE,
  type Hex,
  initFastKeccak,
  keccak256,
  recoverBatchSigner,
  writeBytes32Hex,
} from "@credanchor/core/protocol";
import { buildCredential, buildMerkleLayers, createDirectoryStore, parseGraduateFile, proofFromLayers } from "@credanchor/core/issue";
import {
  createCachedChainReader,
  createChainReader,
  createChainWriter,
  createProvider,
  revokedLeavesFromLogs,
} from "@credanchor/core/chain";
import { anchorGas } from "./bench/anchorGas";
import { measureIssueScale } from "./bench/issueScale";
import { runBenchChild } from "./bench/runBenchChild";
import { issueOnlineCase, timeCliVerify } from "./bench/onlineVerify";
import { graduateCsv } from "./bench/graduateRows";
import { benchTranscripts } from "./bench/transcripts";
import type { VerifyTally } from "./bench/worker";
import { BenchWorker } from "./bench/workerPool";
import { freePort, startLocalChain } from "./lib/localChain";
import { runCliOrThrow } from "./lib/runCli";

const N = Number(process.env.BENCH_N ?? 100_000);
const THREADS = Math.max(1, Number(process.env.BENCH_THREADS ?? availableParallelism()));
const OA_N = Number(process.env.BENCH_OA_N ?? Math.min(N, 10_000));
const ONLINE_N = Number(process.env.BENCH_ONLINE ?? 1_000);
const TRANSCRIPTS_N = Number(process.env.BENCH_TRANSCRIPTS ?? 10_000);
/** Issuance only (the scale lines' child runs): the JSON line then holds n, issuePerSec, peakRssMb and issueSeconds. */
const ISSUE_ONLY = process.env.BENCH_ISSUE_ONLY === "1";
/** Sizes of the scale lines, each issued in a child process of its own after the main run ("" for none). */
const SCALE_SIZES = (process.env.BENCH_SCALE ?? `1000,10000,100000,${MAX_BATCH_SIZE}`)
  .split(",")
  .filter((size) => size.trim() !== "")
  .map(Number);
/** The page's time to verdict and first load, from `npm run bench:web`'s page-only run (needs Chromium); "0" for none. */
const PAGE = process.env.BENCH_PAGE !== "0";
const ISSUER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"; // Hardhat dev account #1
const ISSUER_PROFILE = { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const debugMemory = (label: string) => {
  if (!process.env.BENCH_DEBUG) return;
  const m = process.memoryUsage();
  log(`${label}: rss ${Math.round(m.rss / 2 ** 20)} MB, peak ${peakRssMb()} MB, main heap ${Math.round(m.heapUsed / 2 ** 20)} MB, external ${Math.round(m.external / 2 ** 20)} MB`);
};
const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * The batch's leaves in tree order from each thread's own sorted leaves (lowercase hex of equal length sorts exactly
 * like the bytes it encodes): the threads sort in parallel and this thread only merges. Refuses a duplicate, as
 * buildMerkleTree does. Returns the sorted hex and the same leaves as flat bytes for buildMerkleLayers.
 */
function mergeSortedLeaves(lists: readonly (readonly string[])[]): { hexes: string[]; flat: Uint8Array } {
  const merge = (a: readonly string[], b: readonly string[]): string[] => {
    const out: string[] = new Array(a.length + b.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < out.length; k++) out[k] = j >= b.length || (i < a.length && (a[i] as string) <= (b[j] as string)) ? (a[i++] as string) : (b[j++] as string);
    return out;
  };
  const hexes = lists.reduce<string[]>((merged, list) => merge(merged, list), []);
  const flat = new Uint8Array(32 * hexes.length);
  for (let i = 0; i < hexes.length; i++) {
    if (i > 0 && hexes[i] === hexes[i - 1]) throw new Error("two credentials have the same leaf");
    writeBytes32Hex(hexes[i] as string, flat, 32 * i);
  }
  return { hexes, flat };
}

async function main(): Promise<Record<string, unknown>> {
  if (N < 1 || N > MAX_BATCH_SIZE) throw new Error(`BENCH_N must be 1…${MAX_BATCH_SIZE}`);
  await initFastKeccak();
  // ethers hashes addresses and EIP-712 data with its own pure-JS keccak; point it at the same WebAssembly one.
  ethersKeccak.register((data) => keccak256(data));
  log(`N=${N}, ${THREADS} worker thread(s), OpenAttestation on ${OA_N}, ${ONLINE_N} online verifications`);

  const dir = mkdtempSync(join(tmpdir(), "credanchor-bench-"));
  const chain = await startLocalChain(await freePort(), { log });
  const workers = Array.from({ length: THREADS }, () => new BenchWorker());
  try {
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json") };
    const issuerWallet = new Wallet(ISSUER_KEY);
    await runCliOrThrow(["deploy"], env);
    await runCliOrThrow(["accredit", issuerWallet.address, "--name-en", ISSUER_PROFILE.nameEn, "--name-zh", ISSUER_PROFILE.nameZh, "--domain", ISSUER_PROFILE.domain], env);
    const deployment = JSON.parse(readFileSync(env.CREDANCHOR_DEPLOYMENT, "utf8")) as Deployment;
    const provider = createProvider(chain.url, deployment.chainId);
    const signer = issuerWallet.connect(provider);
    const writer = createChainWriter(signer, deployment);
    log(`deployed anchor ${deployment.anchor}, accredited ${issuerWallet.address}; peak RSS so far ${peakRssMb()} MB`);

    // The registrar's file, one slice per thread, each generated in its thread as CSV files of one part each, with the
    // header (not timed); issuance reads them: no thread holds more than one part's text and records.
    await Promise.all(
      workers.map((worker, t) => {
        const from = Math.floor((N * t) / THREADS);
        return worker.request<number>({ type: "prepare", from, count: Math.floor((N * (t + 1)) / THREADS) - from, dir });
      }),
    );
    const issuer = { id: issuerWallet.address, chainId: deployment.chainId, ...ISSUER_PROFILE };
    const context = { chainId: deployment.chainId, anchor: deployment.anchor, issuer: issuerWallet.address, signer: issuerWallet.address };
    const now = new Date().toISOString();

    // ---- Issue: validate, build, salt and hash (threads) → tree, sign, anchor (main) → proofs and JSON (threads).
    log("issuing…");
    const issueStarted = performance.now();
    const hashed = await Promise.all(
      workers.map((worker, t) =>
        worker.request<{ errors: unknown[]; studentIds: string[]; sortedLeaves: string[] }>({
          type: "hash",
          issuer,
          context,
          now,
          stagingPath: join(dir, `staging-${t}.txt`),
        }),
      ),
    );
    const rowErrors = hashed.flatMap((h) => h.errors);
    if (rowErrors.length > 0) throw new Error(`graduate file has errors: ${JSON.stringify(rowErrors.slice(0, 3))}`);
    // Each thread checked its own slice; a student id may also not repeat across slices (parseGraduateFile's rule).
    const ids = new Set<string>();
    for (const h of hashed) for (const id of h.studentIds) if (ids.size === ids.add(id).size) throw new Error(`duplicate student id ${id}`);
    const hashSeconds = seconds(issueStarted);
    debugMemory("after hashing");
    const sorted = mergeSortedLeaves(hashed.map((h) => h.sortedLeaves));
    const layers = buildMerkleLayers(sorted.flat);
    const root = bytesToHex(layers[layers.length - 1] as Uint8Array);
    const typed = batchTypedData({ chainId: deployment.chainId, anchor: deployment.anchor, issuer: issuerWallet.address, root, count: N });
    const signature = (await issuerWallet.signTypedData(typed.domain, typed.types, typed.message)).toLowerCase() as Hex;
    if (recoverBatchSigner({ chainId: deployment.chainId, anchor: deployment.anchor, issuer: issuerWallet.address, merkleRoot: root, batchSize: N, signature }) !== issuerWallet.address) {
      throw new Error("batch signature does not recover to the issuer key");
    }
    const treeSeconds = seconds(issueStarted) - hashSeconds;
    // A credential's file needs the root, the signature and its proof, not the anchoring transaction: the threads write
    // the files while this thread stores the manifest and anchors the root. Issuance ends when both are done.
    const sharedLayers = layers.map((layer) => {
      const shared = new Uint8Array(new SharedArrayBuffer(layer.length));
      shared.set(layer);
      return shared;
    });
    const files = workers.map((_, t) => join(dir, `credentials-${t}.jsonl`));
    const serialising = Promise.all(
      workers.map((worker, t) => worker.request<{ count: number; bytes: number }>({ type: "serialise", layers: sharedLayers, root, signature, count: N, path: files[t] as string })),
    );
    const manifestCid = await createDirectoryStore(join(dir, "content"), fs).put(buildBatchManifest({ ...context, root, leaves: sorted.hexes }));
    const anchorTx = await writer.anchorBatch(root, N, manifestCid, signature);
    const anchorReceipt = (await anchorTx.wait()) as TransactionReceipt;
    const manifestAnchorSeconds = seconds(issueStarted) - hashSeconds - treeSeconds;
    const written = await serialising;
    const issueSeconds = seconds(issueStarted);
    debugMemory("after serialising");
    const serialiseSeconds = issueSeconds - hashSeconds - treeSeconds;
    const jsonBytes = written.reduce((sum, w) => sum + w.bytes, 0);
    log(
      `issued ${N} in ${issueSeconds.toFixed(2)} s (validate+build+hash ${hashSeconds.toFixed(2)}, tree+sign ${treeSeconds.toFixed(2)}, ` +
        `proofs+JSON ${serialiseSeconds.toFixed(2)}, meanwhile manifest+anchor ${manifestAnchorSeconds.toFixed(2)}); ${(jsonBytes / N).toFixed(0)} B/credential; root ${root}`,
    );
    if (ISSUE_ONLY) return { n: N, issuePerSec: Math.round(N / issueSeconds), peakRssMb: peakRssMb(), issueSeconds: round(issueSeconds) };

    // Two credentials revoked after issuance: the offline run must report exactly these as revoked.
    const revokedIndexes = N >= 2 ? [0, N - 1] : [0];
    const revokedLeaves = revokedIndexes.map((i) => bytesToHex((layers[0] as Uint8Array).subarray(32 * i, 32 * i + 32)));
    for (const [k, i] of revokedIndexes.entries()) {
      const tx = await writer.revokeCredential(issuerWallet.address, root, revokedLeaves[k] as string, proofFromLayers(layers, i), 1, "bench: issued in error");
      await tx.wait();
    }
    log(`revoked ${revokedLeaves.length} credential(s) on chain`);

    // ---- Verify all N offline: one round of reads for the batch, then every check from the cache.
    const peakBeforeVerify = peakRssMb();
    log("verifying offline…");
    const verifyStarted = performance.now();
    const cached = createCachedChainReader(createChainReader(provider, deployment), { revokedLeaves: revokedLeavesFromLogs(provider, deployment.anchor) });
    await cached.prefetchBatch(issuerWallet.address, root);
    const snapshot = cached.snapshot();
    const prefetchSeconds = seconds(verifyStarted);
    const verifyNow = new Date().toISOString();
    const tallies = await Promise.all(
      workers.map((worker, t) => worker.request<VerifyTally>({ type: "verify", path: files[t] as string, snapshot, deployment, now: verifyNow })),
    );
    const verifySeconds = seconds(verifyStarted);
    debugMemory("after verifying");
    const verified = tallies.reduce((sum, t) => sum + t.count, 0);
    const statuses: Record<string, number> = {};
    const codes: Record<string, number> = {};
    for (const t of tallies) {
      for (const [k, v] of Object.entries(t.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
      for (const [k, v] of Object.entries(t.codes)) codes[k] = (codes[k] ?? 0) + v;
    }
    const flagged = tallies.flatMap((t) => t.notOkLeaves).sort();
    const revocationsCorrect = verified === N && JSON.stringify(flagged) === JSON.stringify([...revokedLeaves].sort()) && statuses.VALID === N - revokedLeaves.length;
    log(`verified ${verified} offline in ${verifySeconds.toFixed(2)} s (chain reads ${prefetchSeconds.toFixed(2)} s): ${JSON.stringify(statuses)} ${JSON.stringify(codes)}`);
    if (!revocationsCorrect) throw new Error("offline verification did not report exactly the revoked credentials as revoked");

    // ---- Online: one `credanchor verify` of ONLINE_N credentials from 40 batches of 8 universities (issue 19).
    const onlineShape = { credentials: ONLINE_N, batches: Math.min(40, ONLINE_N), universities: 8 };
    const onlineFiles = await issueOnlineCase(chain.url, env.CREDANCHOR_DEPLOYMENT, dir, log, onlineShape);
    const online = await timeCliVerify(chain.url, env.CREDANCHOR_DEPLOYMENT, onlineFiles, onlineShape, log);
    log(`verified ${online.credentials} online with credanchor verify in ${online.seconds.toFixed(2)} s (${online.perSec}/s)`);

    const gas = await anchorGas(signer, deployment, [10, 1_000, 100_000]);
    log(`anchorBatch gas: ${JSON.stringify(gas)} (the bench batch of ${N}: ${anchorReceipt.gasUsed})`);
    const peakOursMb = peakRssMb();

    // ---- OpenAttestation on the same content (built outside the timed region, like our CSV).
    log(`OpenAttestation on ${OA_N} documents…`);
    for (const worker of workers) await worker.terminate();
    workers.length = 0;
    // Loaded only now, so that its module graph is not part of our own peak memory.
    const { openAttestationDocument, runOpenAttestation } = await import("./bench/openAttestation");
    const { records } = parseGraduateFile(graduateCsv(OA_N), "csv", { maxRows: Number.MAX_SAFE_INTEGER });
    const documents = records.map((record) => openAttestationDocument(buildCredential(record, issuer), deployment.anchor));
    const oa = runOpenAttestation(documents);
    if (!oa.allVerified) throw new Error("OpenAttestation failed to verify its own documents");
    log(`OpenAttestation: wrap ${oa.wrapSeconds.toFixed(2)} s, verify ${oa.verifySeconds.toFixed(2)} s, ${oa.wrappedBytesAverage.toFixed(0)} B/document`);
    const transcripts = TRANSCRIPTS_N === 0 ? {} : { transcripts: await benchTranscripts({ count: TRANSCRIPTS_N, courses: 40, signer, provider, deployment, issuer, storeDir: join(dir, "transcript-content"), log }) };

    const issuePerSec = N / issueSeconds;
    const verifyPerSec = N / verifySeconds;
    const oaWrapPerSec = oa.n / oa.wrapSeconds;
    const oaVerifyPerSec = oa.n / oa.verifySeconds;
    const result = {
      n: N,
      threads: THREADS,
      issuePerSec: Math.round(issuePerSec),
      verifyPerSec: Math.round(verifyPerSec),
      onlineVerifyPerSec: online.perSec,
      oaWrapPerSec: Math.round(oaWrapPerSec),
      oaVerifyPerSec: Math.round(oaVerifyPerSec),
      issueRatio: Number((issuePerSec / oaWrapPerSec).toFixed(2)),
      verifyRatio: Number((verifyPerSec / oaVerifyPerSec).toFixed(2)),
      anchorGas: gas,
      peakRssMb: peakOursMb,
      peakRssMbWithOpenAttestation: peakRssMb(),
      peakRssMbBeforeVerify: peakBeforeVerify,
      oaN: oa.n,
      bytesPerCredential: Math.round(jsonBytes / N),
      oaBytesPerDocument: Math.round(oa.wrappedBytesAverage),
      issueSeconds: {
        total: round(issueSeconds),
        validateBuildHash: round(hashSeconds),
        treeSign: round(treeSeconds),
        proofsJson: round(serialiseSeconds),
        manifestAnchor: round(manifestAnchorSeconds),
      },
      verifySeconds: { total: round(verifySeconds), chainReads: round(prefetchSeconds) },
      verifyStatuses: statuses,
      onlineValid: online.valid,
      onlineVerify: { credentials: online.credentials, batches: online.batches, universities: online.universities, seconds: round(online.seconds) },
      ...transcripts,
    };
    return result;
  } finally {
    for (const worker of workers) await worker.terminate();
    await chain.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (value: number) => Number(value.toFixed(3));

/** `pageVerifyMs` (cold, warm) and the first load's gzipped size: bench:web's page-only run, in a process of its own. */
async function measurePage(): Promise<Record<string, unknown>> {
  log("the verifier page in Chromium (bench:web, page only)…");
  const { pageVerifyMs, verifierJsGzipKbFirstLoad, verifierGzipKbFirstLoad } = await runBenchChild<Record<string, unknown>>("bench-web.ts", { BENCH_WEB_PAGE_ONLY: "1" });
  return { pageVerifyMs, verifierJsGzipKbFirstLoad, verifierGzipKbFirstLoad };
}

main()
  .then(async (result) => {
    // After the main run has stopped its node and threads, so no two runs share the machine.
    const scale = ISSUE_ONLY || SCALE_SIZES.length === 0 ? {} : { issueScale: await measureIssueScale(SCALE_SIZES, log) };
    const page = ISSUE_ONLY || !PAGE ? {} : await measurePage();
    process.stdout.write(`${JSON.stringify({ ...result, ...scale, ...page })}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
