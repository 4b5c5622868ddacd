/**
 * `npm run bench:core` (issue 19): the per-credential cost of the bench's degree credential on ONE core, without a
 * chain, threads or files, so a change to a hot path can be measured in seconds and profiled cleanly
 * (`node --cpu-prof --import tsx scripts/bench-core.ts`). Issuance: the registrar's CSV validated, each credential
 * built, salted and hashed, the tree built and signed, each proof attached and the credential serialised to JSON, as
 * the bench's worker threads do. Offline verification: each JSON text parsed and verified with `verifyParsedCredential`
 * against a cached chain state (the bench's offline run), and separately the strict parse and schema check that
 * `verifyCredential` runs first (FORMAT). BENCH_CORE_N credentials (default 10,000), BENCH_CORE_ROUNDS rounds after
 * one warm-up (default 5); prints the median CPU µs per credential of each step (the process's user and system
 * time, so other work on the machine counts less) and of the best round as one JSON line on stdout.
 */
import { keccak256 as ethersKeccak, Wallet } from "ethers";
import {
  AccreditationStatus,
  batchTypedData,
  bytesToHex,
  type ChainReader,
  createVerifyCache,
  type Credential,
  type Hex,
  hexToBytes,
  initFastKeccak,
  keccak256,
  parseAnyCredential,
  PROOF_TYPE,
  verifyParsedCredential,
} from "@credanchor/core/protocol";
import { buildCredential, buildMerkleLayers, hexLayers, indexOfSortedLeaf, parseGraduateFile, proofFromHexLayers, saltClaims } from "@credanchor/core/issue";
import { createCachedChainReader } from "@credanchor/core/chain";
import { graduateCsv } from "./bench/graduateRows";
import { median } from "./lib/median";

const N = Number(process.env.BENCH_CORE_N ?? 10_000);
const ROUNDS = Number(process.env.BENCH_CORE_ROUNDS ?? 5);
const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"); // Hardhat dev account #1
const CHAIN_ID = 31337;
const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const PROFILE = { id: wallet.address, chainId: CHAIN_ID, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
/** An hour ago: the batch was anchored before the moment checked, and after the award date. */
const ANCHORED_AT = Math.floor(Date.now() / 1000) - 3600;

/** A chain where the bench's batch is anchored by an accredited issuer and nothing is revoked. */
function chainOf(root: string, count: number): ChainReader {
  return {
    chainId: async () => CHAIN_ID,
    latestBlock: async () => ({ number: 100, hash: `0x${"ab".repeat(32)}`, timestamp: ANCHORED_AT + 60 }),
    batch: async (issuerId, batchRoot) =>
      batchRoot === root ? { issuerId, signer: wallet.address, anchoredAt: ANCHORED_AT, blockNumber: 90, count, manifestCid: "bafkreibench" } : null,
    batchRevocation: async () => null,
    credentialRevocation: async () => null,
    issuer: async () => ({ nameEn: PROFILE.nameEn, nameZh: PROFILE.nameZh, domain: PROFILE.domain, accreditedAt: ANCHORED_AT - 1000 }),
    isAuthorisedAt: async () => true,
    statusAt: async () => AccreditationStatus.Accredited,
  };
}

type Steps = Record<string, number>;

async function round(csv: string): Promise<Steps> {
  // CPU time, not wall time: on a machine shared with other work a step's wall time measures the neighbours too.
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const us = (from: number) => (cpu() - from) / N;
  let t = cpu();
  const { records, errors } = parseGraduateFile(csv, "csv", { maxRows: Number.MAX_SAFE_INTEGER });
  if (errors.length > 0) throw new Error(`graduate file has errors: ${JSON.stringify(errors.slice(0, 3))}`);
  const validate = us(t);

  t = cpu();
  const credentials = records.map((record) => buildCredential(record, PROFILE));
  const build = us(t);

  t = cpu();
  const salted = credentials.map((credential) => saltClaims(credential));
  const saltHash = us(t);

  t = cpu();
  const sorted = salted.map((s) => s.leaf).sort();
  const flat = new Uint8Array(32 * N);
  sorted.forEach((leaf, i) => flat.set(hexToBytes(leaf), 32 * i));
  const layers = buildMerkleLayers(flat);
  const root = bytesToHex(layers[layers.length - 1] as Uint8Array);
  const typed = batchTypedData({ chainId: CHAIN_ID, anchor: ANCHOR, issuer: wallet.address, root, count: N });
  const signature = (await wallet.signTypedData(typed.domain, typed.types, typed.message)).toLowerCase() as Hex;
  const treeSign = us(t);

  t = cpu();
  const nodes = hexLayers(layers);
  const texts = credentials.map((credential, i) => {
    const { leaf, salts } = salted[i] as { leaf: Hex; salts: Record<string, string> };
    const leafIndex = indexOfSortedLeaf(nodes[0] as Hex[], leaf);
    const proof = { type: PROOF_TYPE, chainId: CHAIN_ID, anchor: ANCHOR, issuer: wallet.address, signer: wallet.address, merkleRoot: root, batchSize: N, leafIndex, merkleProof: proofFromHexLayers(nodes, leafIndex), signature, salts };
    return JSON.stringify({ ...credential, proof });
  });
  const serialise = us(t);

  const reader = createCachedChainReader(chainOf(root, N), { revokedLeaves: async () => [] });
  await reader.prefetchBatch(wallet.address, root);
  // One moment for the whole run, as the bench's threads check it: the per-batch cache is keyed by it.
  const now = new Date();
  const options = { reader, deployment: { chainId: CHAIN_ID, anchor: ANCHOR, registry: REGISTRY }, cache: createVerifyCache(), now: () => now };
  t = cpu();
  let valid = 0;
  for (const text of texts) if ((await verifyParsedCredential(JSON.parse(text) as Credential, options)).status === "VALID") valid++;
  const verify = us(t);
  if (valid !== N) throw new Error(`${N - valid} of ${N} credentials did not verify`);

  t = cpu();
  for (const text of texts) parseAnyCredential(text);
  const strictParse = us(t);

  const issue = validate + build + saltHash + treeSign + serialise;
  return { issue, validate, build, saltHash, treeSign, serialise, verify, strictParse };
}

async function main(): Promise<void> {
  await initFastKeccak();
  // As the bench's threads do: ethers' EIP-55 and EIP-712 hashing on the same WebAssembly Keccak.
  ethersKeccak.register((data) => keccak256(data));
  const csv = graduateCsv(N);
  await round(csv);
  const rounds: Steps[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round(csv));
  const summary = (pick: (values: number[]) => number) => {
    const result: Steps = {};
    for (const step of Object.keys(rounds[0] as Steps)) result[step] = Number(pick(rounds.map((r) => r[step] as number)).toFixed(1));
    return result;
  };
  // The least disturbed round too: on a shared machine the neighbours' load still costs a process CPU time (caches,
  // the second hardware thread of a core), so the best round is closest to a quiet machine's.
  process.stdout.write(`${JSON.stringify({ n: N, rounds: ROUNDS, usPerCredential: summary(median), usPerCredentialBest: summary((values) => Math.min(...values)) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:core] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
