/**
 * Shared fixture of the security tests: a real batch issued with the production code path (buildCredential →
 * wrapBatch → signBatch with a real secp256k1 key) and an in-memory chain that says exactly what the real contracts
 * would say about it. Verification is the real `verifyCredential` over the credential's raw text.
 */
import { Wallet } from "ethers";
import { buildCredential } from "../../core/src/buildCredential";
import { AccreditationStatus } from "../../core/src/chain/ChainReader";
import type { Credential } from "../../core/src/Credential";
import type { GraduateRecord } from "../../core/src/GraduateRecord";
import { signBatch, type SignedBatch } from "../../core/src/signBatch";
import type { VerificationReport } from "../../core/src/VerificationReport";
import { verifyCredential } from "../../core/src/verifyCredential";
import { wrapBatch } from "../../core/src/wrapBatch";
import { batchKey, FakeChain } from "../core/helpers/fakeChain";
import { RECORD } from "../core/helpers/records";

/** Hardhat development keys #1 (Harbour), #2 (Lion Rock) and #9 (never accredited anywhere). */
export const HARBOUR_KEY = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
export const LIONROCK_KEY = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
export const ROGUE_KEY = new Wallet("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
export const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
export const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
export const DEPLOYMENT = { chainId: 31337, anchor: ANCHOR, registry: REGISTRY };
export const HARBOUR = { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
export const LIONROCK = { nameEn: "Lion Rock University", nameZh: "獅子山大學", domain: "lionrock.example.edu" };
/** Block time of the anchoring transaction, and the moment "now" of every verification unless a test says otherwise. */
export const ANCHORED_AT = 1_790_000_000;
export const NOW = new Date(1_800_000_000_000);

export function record(i: number, overrides: Partial<GraduateRecord> = {}): GraduateRecord {
  return { ...RECORD, studentId: `HU${1000 + i}`, nameEn: `Chan Tai Man ${i}`, nameZh: `陳大文${i}`, validUntil: "2030-06-30", ...overrides };
}

export interface IssueOptions {
  count?: number;
  records?: GraduateRecord[];
  /** Whose credentials these claim to be (issuer.id, proof.issuer). */
  issuer?: Wallet;
  names?: { nameEn: string; nameZh: string; domain: string };
  /** The key that signs (and would anchor) the batch. */
  signer?: Wallet;
  chainId?: number;
  anchor?: string;
}

export async function issueBatch(options: IssueOptions = {}): Promise<SignedBatch> {
  const issuerKey = options.issuer ?? HARBOUR_KEY;
  const signer = options.signer ?? issuerKey;
  const chainId = options.chainId ?? 31337;
  const names = options.names ?? HARBOUR;
  const records = options.records ?? Array.from({ length: options.count ?? 3 }, (_, i) => record(i));
  const unsigned = records.map((r) => buildCredential(r, { id: issuerKey.address, chainId, ...names }));
  const wrapped = wrapBatch(unsigned, { chainId, anchor: options.anchor ?? ANCHOR, issuer: issuerKey.address, signer: signer.address });
  return signBatch(wrapped, signer);
}

/** Registers an issuer as the registry would after `accredit` (accredited from t=1, key valid from t=1, open-ended). */
export function accredit(chain: FakeChain, key: Wallet, names: { nameEn: string; nameZh: string; domain: string }): void {
  chain.issuers.set(key.address.toLowerCase(), { ...names, accreditedAt: 1 });
  chain.statuses.set(key.address.toLowerCase(), [{ status: AccreditationStatus.Accredited, from: 1 }]);
  chain.keys.set(key.address.toLowerCase(), { issuerId: key.address, from: 1, until: 0 });
}

/** Records a batch as CredentialAnchor.anchorBatch would after a successful call by `signer` at `anchoredAt`. */
export function anchor(chain: FakeChain, batch: SignedBatch, signer: Wallet = HARBOUR_KEY, anchoredAt = ANCHORED_AT): void {
  const proof = (batch.credentials[0] as Credential).proof;
  chain.batches.set(batchKey(proof.issuer, batch.root), {
    issuerId: proof.issuer,
    signer: signer.address,
    anchoredAt,
    blockNumber: 42,
    count: batch.count,
    manifestCid: "QmManifest",
  });
}

/** A chain where Harbour and Lion Rock are accredited and `batches` are anchored by Harbour's key. */
export function chainWith(...batches: SignedBatch[]): FakeChain {
  const chain = new FakeChain();
  accredit(chain, HARBOUR_KEY, HARBOUR);
  accredit(chain, LIONROCK_KEY, LIONROCK);
  for (const batch of batches) anchor(chain, batch);
  return chain;
}

export const text = (credential: unknown): string => JSON.stringify(credential, null, 2);

export function verify(chain: FakeChain, input: string | Credential, at?: Date): Promise<VerificationReport> {
  return verifyCredential(typeof input === "string" ? input : text(input), { reader: chain, deployment: DEPLOYMENT, now: () => NOW, ...(at ? { at } : {}) });
}

export const check = (report: VerificationReport, name: string) => report.checks.find((c) => c.check === name);

/** "CHECK:CODE" of every check that is not VALID/SKIPPED, for readable assertions. */
export const failures = (report: VerificationReport): string[] =>
  report.checks.filter((c) => c.status === "INVALID" || c.status === "ERROR").map((c) => `${c.check}:${c.code}`);

export const clone = <T>(value: T): T => structuredClone(value);
