import type { ChainReader } from "./chain/ChainReader";
import { decodeCredentialBytes } from "./decodeCredentialBytes";
import { BaseError } from "./errors";
import { readVcExport } from "./exportVc";
import { createMerklePairMemo, withMerklePairMemo, type MerklePairMemo } from "./merkle";
import type { AnyCredential } from "./kinds/AnyCredential";
import { kindOf } from "./kinds/kindOf";
import { parseAnyCredential } from "./kinds/parseAnyCredential";
import { CHECK_CODES, summariseChecks, type CheckCode, type CheckResult, type VerificationReport } from "./VerificationReport";
import type { ChainContext } from "./verify/ChainContext";
import { checkAnchor, type AnchorOutcome } from "./verify/checkAnchor";
import { checkExpiry } from "./verify/checkExpiry";
import { checkIntegrity } from "./verify/checkIntegrity";
import { checkIssuer } from "./verify/checkIssuer";
import { checkResult, skipped, unreachable } from "./verify/checkResult";
import { checkSignature } from "./verify/checkSignature";
import { checkStatus } from "./verify/checkStatus";
import { deploymentOfCredential, type VerifierDeployment } from "./verify/deploymentOfCredential";

export interface VerifyOptions {
  reader: ChainReader;
  /** With `history`, credentials anchored on a listed earlier deployment are checked against it (SPEC §8.1). */
  deployment: VerifierDeployment;
  /**
   * The moment the credential is checked for (revocation, expiry). Default: now, by the later of this machine's
   * clock and the pinned block's timestamp, since everything recorded up to that block has already happened.
   */
  at?: Date;
  /** Clock for `verifiedAt`; injectable for tests. */
  now?: () => Date;
}

function formatFailure(error: unknown): CheckResult {
  if (error instanceof BaseError && (CHECK_CODES.FORMAT as readonly string[]).includes(error.code)) {
    const details = error.details as { key?: string; issues?: { path: string; message: string }[] } | undefined;
    const detail = Array.isArray(error.details)
      ? (error.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join("; ").slice(0, 500)
      : error.shortMessage;
    return checkResult("FORMAT", "INVALID", error.code as CheckCode<"FORMAT">, { detail, key: details?.key ?? "" }, {
      details: error.details ?? null,
    });
  }
  throw error;
}

function describe(credential: AnyCredential): VerificationReport["credential"] {
  const subject = credential.credentialSubject;
  const subjectName = subject.name;
  return {
    id: credential.id,
    kind: kindOf(credential),
    issuer: credential.issuer.id,
    subject: subjectName?.en ?? subject.studentId ?? "",
    ...(credential.issuer.name === undefined ? {} : { issuerName: credential.issuer.name }),
    ...(subjectName === undefined ? {} : { subjectName }),
    hiddenClaims: Object.keys(credential.proof.hiddenClaims ?? {}),
  };
}

/**
 * What a bulk verifier may reuse between credentials. SIGNATURE depends only on the issuer DID and the signed batch
 * fields; ANCHOR and ISSUER only on the proof's batch fields, the shown issuer name, the deployment, the pinned
 * block and the moment checked. Each is computed once per distinct input (EC recovery and address checksums
 * dominate them); INTEGRITY, STATUS and EXPIRY stay per credential, INTEGRITY with the batch's Merkle pairs
 * remembered. Results that could not be decided (ERROR) are not kept. Use one cache with one reader.
 */
export interface VerifyCache {
  /** By batch root, each result with the inputs it was computed from. */
  signatures: Map<string, CachedOutcome<CheckResult>[]>;
  /** Merkle parents by batch and tree position (see MerklePairMemo). */
  merklePairs: MerklePairMemo;
  batches: Map<string, CachedOutcome<Promise<{ anchor: AnchorOutcome; issuer: CheckResult }>>[]>;
}

/**
 * A cached result with the inputs it was computed from. Entries are grouped by batch root and matched by comparing
 * their inputs one by one (===): a bulk run meets the same inputs thousands of times, and comparing a dozen values
 * is cheaper than joining them into one long key and hashing it for every credential.
 */
interface CachedOutcome<T> {
  inputs: readonly unknown[];
  outcome: T;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function lookUp<T>(cache: Map<string, CachedOutcome<T>[]>, root: string, inputs: readonly unknown[]): CachedOutcome<T> | undefined {
  return cache.get(root)?.find((entry) => sameInputs(entry.inputs, inputs));
}

function remember<T>(cache: Map<string, CachedOutcome<T>[]>, root: string, entry: CachedOutcome<T>): void {
  const entries = cache.get(root);
  if (entries === undefined) cache.set(root, [entry]);
  else entries.push(entry);
}

function forget<T>(cache: Map<string, CachedOutcome<T>[]>, root: string, entry: CachedOutcome<T>): void {
  const entries = cache.get(root)?.filter((other) => other !== entry) ?? [];
  if (entries.length === 0) cache.delete(root);
  else cache.set(root, entries);
}

export function createVerifyCache(): VerifyCache {
  return { signatures: new Map(), merklePairs: createMerklePairMemo(), batches: new Map() };
}

function cachedSignature(credential: AnyCredential, cache: VerifyCache | undefined): CheckResult {
  if (cache === undefined) return checkSignature(credential);
  const { proof } = credential;
  const inputs = [proof.signature, credential.issuer.id, proof.chainId, proof.anchor, proof.issuer, proof.signer, proof.batchSize];
  let entry = lookUp(cache.signatures, proof.merkleRoot, inputs);
  if (entry === undefined) {
    entry = { inputs, outcome: checkSignature(credential) };
    remember(cache.signatures, proof.merkleRoot, entry);
  }
  return { ...entry.outcome };
}

async function anchorAndIssuer(credential: AnyCredential, chain: ChainContext, at: Date): Promise<{ anchor: AnchorOutcome; issuer: CheckResult }> {
  const anchor = await checkAnchor(credential, chain, at);
  const issuer = anchor.batch === undefined ? skipped("ISSUER") : await checkIssuer(credential, chain, anchor.batch);
  return { anchor, issuer };
}

async function cachedAnchorAndIssuer(credential: AnyCredential, chain: ChainContext, at: Date, cache: VerifyCache | undefined) {
  if (cache === undefined) return anchorAndIssuer(credential, chain, at);
  const { proof } = credential;
  const { deployment, block } = chain;
  const name = credential.issuer.name;
  const inputs = [
    proof.chainId, proof.anchor, proof.issuer, proof.signer, proof.batchSize,
    deployment.chainId, deployment.anchor, deployment.registry, block.number, block.hash, at.getTime(),
    name === undefined, name?.en, name?.["zh-Hant"],
  ];
  let entry = lookUp(cache.batches, proof.merkleRoot, inputs);
  if (entry === undefined) {
    const created = { inputs, outcome: anchorAndIssuer(credential, chain, at) };
    entry = created;
    remember(cache.batches, proof.merkleRoot, created);
    const undecided = await created.outcome.then(
      (outcome) => outcome.anchor.result.status === "ERROR" || outcome.issuer.status === "ERROR",
      () => true,
    );
    if (undecided) forget(cache.batches, proof.merkleRoot, created);
  }
  const { anchor, issuer } = await entry.outcome;
  return { anchor: { ...anchor, result: { ...anchor.result } }, issuer: { ...issuer } };
}

/**
 * Verifies one credential file, or a VC export of one, and returns the report of SPEC §8. The input is the file's raw
 * text or, better, its bytes: duplicate keys and other tricks are only visible there, and bytes are decoded the one
 * way SPEC §2 allows (`decodeCredentialBytes`: not UTF-8, over 1 MiB or a BOM is FORMAT_INVALID_JSON). Never throws for a
 * bad credential or an unreachable chain: those are INVALID or ERROR checks. The chain is read at one pinned block so
 * every check sees the same state.
 */
export async function verifyCredential(input: string | Uint8Array, options: VerifyOptions & { cache?: VerifyCache }): Promise<VerificationReport> {
  let credential: AnyCredential;
  try {
    const text = typeof input === "string" ? input : decodeCredentialBytes(input);
    // A VC 2.0 export is verified through the original credential it carries (SPEC §10).
    credential = parseAnyCredential(readVcExport(text) ?? text);
  } catch (error) {
    const now = options.now ?? (() => new Date());
    const at = options.at ?? now();
    const format = formatFailure(error);
    const checks = [format, ...(["INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"] as const).map((c) => skipped(c))];
    const status = summariseChecks(checks);
    return { valid: status === "VALID", status, checks, credential: null, chain: null, verifiedAt: now().toISOString(), at: at.toISOString() };
  }
  return verifyParsedCredential(credential, options);
}

/**
 * The checks after FORMAT (INTEGRITY, SIGNATURE, ANCHOR, ISSUER, STATUS, EXPIRY) for a credential the caller has
 * already parsed with `parseCredential` (FORMAT is reported VALID on that premise): for bulk verification, where
 * the same object need not be parsed twice. With a `cache` (createVerifyCache) and a cached reader
 * (createCachedChainReader), the credentials of one batch cost one signature recovery, one ANCHOR and ISSUER
 * evaluation and one round of reads; the report is the one the uncached checks give.
 */
export async function verifyParsedCredential(credential: AnyCredential, options: VerifyOptions & { cache?: VerifyCache }): Promise<VerificationReport> {
  const now = options.now ?? (() => new Date());
  let at = options.at ?? now();
  const report = (checks: CheckResult[], described: VerificationReport["credential"], chain: VerificationReport["chain"]) => {
    const status = summariseChecks(checks);
    return { valid: status === "VALID", status, checks, credential: described, chain, verifiedAt: now().toISOString(), at: at.toISOString() };
  };

  const format = checkResult("FORMAT", "VALID", "OK");
  const integrity = withMerklePairMemo(options.cache?.merklePairs, () => checkIntegrity(credential));
  const signature = cachedSignature(credential, options.cache);

  let chainInfo: VerificationReport["chain"] = null;
  let anchor: CheckResult;
  // Decided below; SKIPPED when nothing decides them (built only then: most reports never need it).
  let issuer: CheckResult | undefined;
  let status: CheckResult | undefined;
  try {
    const block = await options.reader.latestBlock();
    if (options.at === undefined && block.timestamp * 1000 > at.getTime()) at = new Date(block.timestamp * 1000);
    const { deployment, reader } = deploymentOfCredential(credential, options.deployment, options.reader);
    const chain: ChainContext = { reader, deployment, block };
    chainInfo = { chainId: deployment.chainId, blockNumber: block.number, blockHash: block.hash, anchor: deployment.anchor };
    const { proof } = credential;
    // What ANCHOR, ISSUER and STATUS ask below, fetched in one request when the reader can (a lens); a credential for
    // other contracts is refused by ANCHOR without reading.
    if (reader.readAhead !== undefined && proof.chainId === deployment.chainId && proof.anchor.toLowerCase() === deployment.anchor.toLowerCase()) {
      await reader.readAhead(proof.issuer, proof.merkleRoot, integrity.result.status === "VALID" && integrity.leaf !== undefined ? [integrity.leaf] : [], block.number);
    }
    const { anchor: anchored, issuer: issued } = await cachedAnchorAndIssuer(credential, chain, at, options.cache);
    anchor = anchored.result;
    if (anchored.batch !== undefined) {
      issuer = issued;
      // A revocation is looked up by leaf: only a leaf recomputed from untouched content identifies the credential.
      if (integrity.result.status === "VALID" && integrity.leaf !== undefined) {
        status = await checkStatus(proof.issuer, proof.merkleRoot, integrity.leaf, chain, at);
      }
    }
  } catch (error) {
    anchor = unreachable("ANCHOR", error);
    issuer = unreachable("ISSUER", error);
    status = unreachable("STATUS", error);
  }
  if (anchor.status === "ERROR") {
    issuer = unreachable("ISSUER", anchor.data?.error ?? "");
    status = unreachable("STATUS", anchor.data?.error ?? "");
  }

  const expiry = checkExpiry(credential, at);
  return report([format, integrity.result, signature, anchor, issuer ?? skipped("ISSUER"), status ?? skipped("STATUS"), expiry], describe(credential), chainInfo);
}
