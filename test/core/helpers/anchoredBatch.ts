import { Wallet } from "ethers";
import { buildCredential } from "../../../core/src/buildCredential";
import { AccreditationStatus } from "../../../core/src/chain/ChainReader";
import type { Credential } from "../../../core/src/Credential";
import { signBatch } from "../../../core/src/signBatch";
import type { ChainContext } from "../../../core/src/verify/ChainContext";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { batchKey, FakeChain } from "./fakeChain";
import { RECORD } from "./records";

/** Hardhat development key #1: the issuer id and its signing key. */
export const ISSUER_KEY = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
export const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
export const DEPLOYMENT = { chainId: 31337, anchor: ANCHOR, registry: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" };
export const ANCHORED_AT = 1_790_000_000;
export const REGISTERED = { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", accreditedAt: 1 };

/** A signed batch of `count` credentials of one issuer, with the names and domain `REGISTERED` holds. */
export async function issueBatch(count = 3, signer: Wallet = ISSUER_KEY): Promise<Credential[]> {
  const issuer = { id: ISSUER_KEY.address, chainId: 31337, nameEn: REGISTERED.nameEn, nameZh: REGISTERED.nameZh, domain: REGISTERED.domain };
  const unsigned = Array.from({ length: count }, (_, i) =>
    buildCredential({ ...RECORD, studentId: `HU${1000 + i}`, nameEn: `Chan Tai Man ${i}`, validUntil: "2030-06-30" }, issuer),
  );
  const wrapped = wrapBatch(unsigned, { chainId: 31337, anchor: ANCHOR, issuer: ISSUER_KEY.address, signer: signer.address });
  return (await signBatch(wrapped, signer)).credentials;
}

/**
 * A fake chain on which the batch of `credential` was anchored at ANCHORED_AT by ISSUER_KEY, the issuer accredited
 * with REGISTERED since time 1 and its key authorised without end — every check passes until a test edits it.
 */
export function anchoredChain(credential: { proof: Credential["proof"] }): FakeChain {
  const chain = new FakeChain();
  const { proof } = credential;
  chain.batches.set(batchKey(ISSUER_KEY.address, proof.merkleRoot), {
    issuerId: ISSUER_KEY.address,
    signer: ISSUER_KEY.address,
    anchoredAt: ANCHORED_AT,
    blockNumber: 42,
    count: proof.batchSize,
    manifestCid: "QmManifest",
  });
  const id = ISSUER_KEY.address.toLowerCase();
  chain.issuers.set(id, { ...REGISTERED });
  chain.statuses.set(id, [{ status: AccreditationStatus.Accredited, from: 1 }]);
  chain.keys.set(id, { issuerId: ISSUER_KEY.address, from: 1, until: 0 });
  return chain;
}

/** The chain context a check receives: the fake chain pinned at its current block. */
export function contextOf(chain: FakeChain): ChainContext {
  return { reader: chain, deployment: DEPLOYMENT, block: chain.block };
}
