import { expect } from "chai";
import { Wallet } from "ethers";
import { buildCredential } from "../../core/src/buildCredential";
import { AccreditationStatus, RevocationReason } from "../../core/src/chain/ChainReader";
import { createCachedChainReader } from "../../core/src/chain/cachedChainReader";
import type { Credential } from "../../core/src/Credential";
import { digestCredential } from "../../core/src/digestCredential";
import { parseCredential } from "../../core/src/parseCredential";
import { signBatch } from "../../core/src/signBatch";
import { createVerifyCache, verifyCredential, verifyParsedCredential } from "../../core/src/verifyCredential";
import { wrapBatch } from "../../core/src/wrapBatch";
import { batchKey, FakeChain, leafKey } from "./helpers/fakeChain";
import { RECORD } from "./helpers/records";

const KEY = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const deployment = { chainId: 31337, anchor: ANCHOR, registry: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" };
const NOW = new Date(1_800_000_000_000);
const issuer = { id: KEY.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };

describe("verifyParsedCredential with a verify cache and a cached reader (bulk mode)", function () {
  this.timeout(30_000);
  let credentials: Credential[];
  let chain: FakeChain;

  before(async () => {
    const unsigned = Array.from({ length: 9 }, (_, i) => buildCredential({ ...RECORD, studentId: `HU${i}`, nameEn: `Chan ${i}` }, issuer));
    credentials = (await signBatch(wrapBatch(unsigned, { chainId: 31337, anchor: ANCHOR, issuer: KEY.address, signer: KEY.address }), KEY)).credentials;
    chain = new FakeChain();
    const root = (credentials[0] as Credential).proof.merkleRoot;
    chain.batches.set(batchKey(KEY.address, root), { issuerId: KEY.address, signer: KEY.address, anchoredAt: 1_790_000_000, blockNumber: 42, count: 9, manifestCid: "Qm" });
    chain.issuers.set(KEY.address.toLowerCase(), { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", accreditedAt: 1 });
    chain.statuses.set(KEY.address.toLowerCase(), [{ status: AccreditationStatus.Accredited, from: 1 }]);
    chain.keys.set(KEY.address.toLowerCase(), { issuerId: KEY.address, from: 1, until: 0 });
    const revokedLeaf = digestCredential(credentials[4] as Credential).leaf;
    chain.credentialRevocations.set(leafKey(KEY.address, root, revokedLeaf), { revokedAt: 1_795_000_000, reasonCode: RevocationReason.IssuedInError, revokedBy: KEY.address, reason: "typo" });
  });

  it("gives the same report as verifyCredential for valid, revoked, tampered and foreign-proof credentials", async () => {
    const texts = credentials.map((c) => JSON.stringify(c));
    const tampered = structuredClone(credentials[2]) as Credential;
    tampered.credentialSubject.major = { en: "Physics", "zh-Hant": "物理" };
    const badUpper = structuredClone(credentials[3]) as Credential;
    badUpper.proof.merkleProof[badUpper.proof.merkleProof.length - 1] = `0x${"12".repeat(32)}`;
    const renamed = structuredClone(credentials[5]) as Credential;
    renamed.issuer.name = { en: "Other University", "zh-Hant": "別的大學" };
    texts.push(JSON.stringify(tampered), JSON.stringify(badUpper), JSON.stringify(renamed));

    const reader = createCachedChainReader(chain, { revokedLeaves: async () => [digestCredential(credentials[4] as Credential).leaf] });
    const cache = createVerifyCache();
    const statuses: string[] = [];
    // Twice over, so the second pass runs entirely from the caches (Merkle pairs, signature, anchor, issuer).
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) {
        const expected = await verifyCredential(text, { reader: chain, deployment, now: () => NOW });
        const actual = await verifyParsedCredential(parseCredential(text), { reader, deployment, cache, now: () => NOW });
        expect(actual).to.deep.equal(expected);
        if (pass === 0) statuses.push(`${actual.status}:${actual.checks.filter((c) => c.code !== "OK").map((c) => c.code).join(",")}`);
      }
    }
    expect(statuses).to.deep.equal([
      "VALID:", "VALID:", "VALID:", "VALID:", "INVALID:STATUS_REVOKED", "VALID:", "VALID:", "VALID:", "VALID:",
      "INVALID:INTEGRITY_ROOT_MISMATCH,SKIPPED", "INVALID:INTEGRITY_ROOT_MISMATCH,SKIPPED", "INVALID:INTEGRITY_ROOT_MISMATCH,ISSUER_NAME_MISMATCH,SKIPPED",
    ]);
    expect(cache.signatures.size).to.equal(1);
  });

  it("does not keep an undecided (ERROR) anchor result", async () => {
    const failing = new FakeChain();
    failing.failing = true;
    const cache = createVerifyCache();
    const report = await verifyParsedCredential(credentials[0] as Credential, { reader: failing, deployment, cache, now: () => NOW });
    expect(report.status).to.equal("ERROR");
    expect(cache.batches.size).to.equal(0);
  });
});
