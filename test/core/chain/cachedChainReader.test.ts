import { expect } from "chai";
import { AccreditationStatus, RevocationReason, type ChainReader } from "../../../core/src/chain/ChainReader";
import { createCachedChainReader, offlineChainReader } from "../../../core/src/chain/cachedChainReader";
import { ChainError } from "../../../core/src/errors";
import { batchKey, FakeChain, leafKey } from "../helpers/fakeChain";

const ROOT = `0x${"aa".repeat(32)}`;
const OTHER_ROOT = `0x${"bb".repeat(32)}`;
const ISSUER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const leaf = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
const revocation = { revokedAt: 1_795_000_000, reasonCode: RevocationReason.IssuedInError, revokedBy: ISSUER, reason: "typo" };

function chain(): FakeChain {
  const fake = new FakeChain();
  fake.batches.set(batchKey(ISSUER, ROOT), { issuerId: ISSUER, signer: ISSUER, anchoredAt: 1_790_000_000, blockNumber: 42, count: 1000, manifestCid: "Qm" });
  fake.issuers.set(ISSUER.toLowerCase(), { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", accreditedAt: 1 });
  fake.statuses.set(ISSUER.toLowerCase(), [{ status: AccreditationStatus.Accredited, from: 1 }]);
  fake.keys.set(ISSUER.toLowerCase(), { issuerId: ISSUER, from: 1, until: 0 });
  fake.credentialRevocations.set(leafKey(ISSUER, ROOT, leaf(7)), revocation);
  return fake;
}

/** Wraps a reader and counts the calls of each method. */
function counting(inner: ChainReader): { reader: ChainReader; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const reader = new Proxy(inner, {
    get(target, name: string) {
      const method = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return method?.apply(target, args);
      };
    },
  });
  return { reader, calls };
}

describe("createCachedChainReader", () => {
  it("answers exactly as the inner reader, reading each distinct thing once", async () => {
    const fake = chain();
    const { reader: inner, calls } = counting(fake);
    const cached = createCachedChainReader(inner);
    for (let i = 0; i < 3; i++) {
      expect(await cached.batch(ISSUER, ROOT, 100)).to.deep.equal(await fake.batch(ISSUER, ROOT));
      expect(await cached.issuer(ISSUER, 100)).to.deep.equal(await fake.issuer(ISSUER));
      expect(await cached.isAuthorisedAt(ISSUER, ISSUER, 1_790_000_000, 100)).to.equal(true);
      expect(await cached.statusAt(ISSUER, 1_790_000_000, 100)).to.equal(AccreditationStatus.Accredited);
      expect(await cached.credentialRevocation(ISSUER, ROOT, leaf(7), 100)).to.deep.equal(revocation);
      expect(await cached.credentialRevocation(ISSUER, ROOT, leaf(8), 100)).to.equal(null);
      expect(await cached.batch(ISSUER, OTHER_ROOT, 100)).to.equal(null);
    }
    expect(calls).to.deep.equal({ batch: 2, issuer: 1, isAuthorisedAt: 1, statusAt: 1, credentialRevocation: 2 });
  });

  it("reads an earlier deployment's contracts through a cache of their own, one per deployment", async () => {
    const earlier = new FakeChain();
    earlier.batches.set(batchKey(ISSUER, OTHER_ROOT), { issuerId: ISSUER, signer: ISSUER, anchoredAt: 1_780_000_000, blockNumber: 7, count: 2, manifestCid: "Qm" });
    const { reader: earlierReader, calls } = counting(earlier);
    const asked: { anchor: string; registry: string }[] = [];
    const inner: ChainReader = Object.assign(Object.create(chain()) as ChainReader, {
      forContracts: (contracts: { anchor: string; registry: string }) => {
        asked.push(contracts);
        return earlierReader;
      },
    });
    const cached = createCachedChainReader(inner);
    const contracts = { anchor: `0x${"0a".repeat(20)}`, registry: `0x${"0b".repeat(20)}` };
    const old = cached.forContracts?.(contracts);
    expect(cached.forContracts?.({ anchor: contracts.anchor.toUpperCase().replace("0X", "0x"), registry: contracts.registry })).to.equal(old);
    for (let i = 0; i < 3; i++) expect(await old?.batch(ISSUER, OTHER_ROOT, 100)).to.include({ blockNumber: 7, count: 2 });
    // The current contracts' cache is not the earlier one's: the same question has its own answer there.
    expect(await cached.batch(ISSUER, OTHER_ROOT, 100)).to.equal(null);
    expect(calls).to.deep.equal({ batch: 1 });
    expect(asked).to.deep.equal([contracts]);
    expect(createCachedChainReader(chain()).forContracts).to.equal(undefined);
  });

  it("pins the first latest block for its lifetime", async () => {
    const fake = chain();
    const cached = createCachedChainReader(fake);
    const first = await cached.latestBlock();
    fake.block = { number: 101, hash: `0x${"0c".repeat(32)}`, timestamp: 1_800_000_012 };
    expect(await cached.latestBlock()).to.deep.equal(first);
    expect(await createCachedChainReader(fake).latestBlock()).to.deep.equal(fake.block);
  });

  it("with a revoked-leaves source, reads one list per batch and only the listed leaves individually", async () => {
    const fake = chain();
    const { reader: inner, calls } = counting(fake);
    const queries: [string, string, number, number][] = [];
    const cached = createCachedChainReader(inner, {
      revokedLeaves: async (issuerId, root, from, to) => {
        queries.push([issuerId, root, from, to]);
        return [leaf(7).toUpperCase().replace("0X", "0x")];
      },
    });
    await cached.prefetchBatch(ISSUER, ROOT);
    const block = (await cached.latestBlock()).number;
    for (let n = 0; n < 50; n++) {
      expect(await cached.credentialRevocation(ISSUER, ROOT, leaf(n), block), `leaf ${n}`).to.deep.equal(n === 7 ? revocation : null);
    }
    expect(queries).to.deep.equal([[ISSUER, ROOT, 42, 100]], "one log query, from the anchoring block to the pinned block");
    expect(calls.credentialRevocation).to.equal(1);
    expect(calls.batchRevocation).to.equal(1);
  });

  it("does not cache failures, and a snapshot verifies offline without a chain", async () => {
    const fake = chain();
    fake.failing = true;
    const cached = createCachedChainReader(fake, { revokedLeaves: async () => [leaf(7)] });
    let failed = false;
    await cached.batch(ISSUER, ROOT, 100).catch(() => (failed = true));
    expect(failed).to.equal(true);
    fake.failing = false;
    await cached.prefetchBatch(ISSUER, ROOT);

    const offline = createCachedChainReader(offlineChainReader, { snapshot: JSON.parse(JSON.stringify(cached.snapshot())) });
    const block = await offline.latestBlock();
    expect(block.number).to.equal(100);
    expect(await offline.batch(ISSUER, ROOT, 100)).to.deep.equal(await fake.batch(ISSUER, ROOT));
    expect(await offline.credentialRevocation(ISSUER, ROOT, leaf(7), 100)).to.deep.equal(revocation);
    expect(await offline.credentialRevocation(ISSUER, ROOT, leaf(9), 100)).to.equal(null);
    expect(await offline.isAuthorisedAt(ISSUER, ISSUER, 1_790_000_000, 100)).to.equal(true);
    // What the snapshot lacks is undecidable (CHAIN_UNREACHABLE), never guessed.
    const missing = await offline.batch(ISSUER, OTHER_ROOT, 100).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(missing).to.be.instanceOf(ChainError).with.property("code", "CHAIN_UNREACHABLE");
  });

  it("asks again after a failure, and fails at once after three failed reads in a row (a hanging chain costs three timeouts, not one per credential)", async () => {
    const fake = chain();
    fake.failing = true;
    const { reader, calls } = counting(fake);
    const cached = createCachedChainReader(reader);
    const outcome = (read: Promise<unknown>) => read.then(() => "answered", (error: unknown) => (error instanceof ChainError ? error.code : "failed"));
    expect([await outcome(cached.latestBlock()), await outcome(cached.latestBlock())]).to.deep.equal(["failed", "failed"]);
    expect(calls.latestBlock).to.equal(2);
    fake.failing = false;
    // A success in between resets the count: one lost request does not give up on the chain.
    expect(await outcome(cached.batch(ISSUER, ROOT, 100))).to.equal("answered");
    fake.failing = true;
    for (let block = 0; block < 3; block++) expect(await outcome(cached.issuer(ISSUER, block))).to.equal("failed");
    expect(calls.issuer).to.equal(3);
    expect(await outcome(cached.issuer(ISSUER, 99))).to.equal("CHAIN_UNREACHABLE");
    expect(calls.issuer).to.equal(3);
    // Answers already received are still served.
    expect(await outcome(cached.batch(ISSUER, ROOT, 100))).to.equal("answered");
  });
});
