import {
  AccreditationStatus,
  type BatchRecord,
  type ChainReader,
  type IssuerRecord,
  type RevocationRecord,
} from "../../../core/src/chain/ChainReader";

/** Key of a batch or batch revocation in FakeChain's maps: the anchor files batches under (issuer, root). */
export function batchKey(issuerId: string, root: string): string {
  return `${issuerId}:${root}`.toLowerCase();
}

/** Key of a credential revocation in FakeChain's map. */
export function leafKey(issuerId: string, root: string, leaf: string): string {
  return `${issuerId}:${root}:${leaf}`.toLowerCase();
}

/**
 * An in-memory chain for verification unit tests: what a real registry and anchor contract would answer, with
 * every answer editable by the test. `failing` makes every read throw, as an unreachable RPC does.
 */
export class FakeChain implements ChainReader {
  chain = 31337;
  failing = false;
  block = { number: 100, hash: `0x${"0b".repeat(32)}`, timestamp: 1_800_000_000 };
  batches = new Map<string, BatchRecord>();
  batchRevocations = new Map<string, RevocationRecord>();
  credentialRevocations = new Map<string, RevocationRecord>();
  issuers = new Map<string, IssuerRecord>();
  /** Status history per issuer, oldest first. */
  statuses = new Map<string, { status: AccreditationStatus; from: number }[]>();
  /** Keys per issuer with their windows. */
  keys = new Map<string, { issuerId: string; from: number; until: number }>();

  private guard(): void {
    if (this.failing) throw new Error("connect ECONNREFUSED 127.0.0.1:8545");
  }

  async chainId() {
    this.guard();
    return this.chain;
  }

  async latestBlock() {
    this.guard();
    return this.block;
  }

  async batch(issuerId: string, root: string) {
    this.guard();
    return this.batches.get(batchKey(issuerId, root)) ?? null;
  }

  async batchRevocation(issuerId: string, root: string) {
    this.guard();
    return this.batchRevocations.get(batchKey(issuerId, root)) ?? null;
  }

  async credentialRevocation(issuerId: string, root: string, leaf: string) {
    this.guard();
    return this.credentialRevocations.get(leafKey(issuerId, root, leaf)) ?? null;
  }

  async issuer(issuerId: string) {
    this.guard();
    return this.issuers.get(issuerId.toLowerCase()) ?? null;
  }

  async statusAt(issuerId: string, timestamp: number) {
    this.guard();
    const history = this.statuses.get(issuerId.toLowerCase()) ?? [];
    return [...history].reverse().find((change) => change.from <= timestamp)?.status ?? AccreditationStatus.None;
  }

  async isAuthorisedAt(issuerId: string, key: string, timestamp: number) {
    const record = this.keys.get(key.toLowerCase());
    if (!record || record.issuerId.toLowerCase() !== issuerId.toLowerCase()) return false;
    if (timestamp < record.from || (record.until !== 0 && timestamp >= record.until)) return false;
    return (await this.statusAt(issuerId, timestamp)) === AccreditationStatus.Accredited;
  }
}
