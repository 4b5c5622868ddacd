import { ChainError } from "../errors";
import type { BatchState, BlockRef, ChainReader } from "./ChainReader";

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Leaves of batch `(issuerId, root)` with a CredentialRevoked event in blocks `fromBlock`…`toBlock` (see `revokedLeavesFromLogs`). */
export type RevokedLeavesSource = (issuerId: string, root: string, fromBlock: number, toBlock: number) => Promise<readonly string[]>;

/** Every answer a cached reader has received, as plain JSON: hand it to a worker or web worker to verify offline. */
export interface ChainSnapshot {
  entries: [string, unknown][];
}

export interface CachedChainReader extends ChainReader {
  /** With a lens (the inner reader's `batchState`): one request per call; otherwise nothing. See ChainReader. */
  readAhead(issuerId: string, root: string, leaves: readonly string[], blockNumber: number): Promise<void>;
  /**
   * Reads, in one round of parallel requests at the pinned block, everything the credentials of batch
   * `(issuerId, root)` need:
   * the batch, its revocation, the revoked leaves, the issuer, the signing key's authorisation and the issuer's
   * status at anchoring time. Afterwards verifying any credential of the batch needs no request.
   */
  prefetchBatch(issuerId: string, root: string): Promise<void>;
  /** The answers about the current contracts (earlier deployments' caches, from `forContracts`, are not included). */
  snapshot(): ChainSnapshot;
}

export interface CachedChainReaderOptions {
  /**
   * Where revocations of single credentials are listed. With it, a batch costs one log query instead of one
   * `credentialRevocation` call per credential; only listed leaves are then read individually (for their record).
   * Without it every leaf is read from the contract (correct, one request each).
   */
  revokedLeaves?: RevokedLeavesSource;
  /** Answers received earlier (`snapshot()`), e.g. by the thread that fetched them. */
  snapshot?: ChainSnapshot;
  /**
   * After this many reads in a row have failed (default 3), every read not yet answered fails at once for the rest of
   * the reader's life: a chain that hangs would otherwise cost one RPC timeout per credential of a bulk run.
   */
  maxConsecutiveFailures?: number;
}

/**
 * A ChainReader for bulk verification: every distinct read is made once and its answer reused, and the first
 * `latestBlock` is pinned for the reader's lifetime so thousands of reports see one chain state. Answers are
 * exactly the inner reader's. A failed read is not cached (the next credential that needs it asks again, so one lost
 * request does not fail every row) until `maxConsecutiveFailures` reads in a row have failed. Create a new one to see
 * a newer block or to try a chain that was down again.
 */
export function createCachedChainReader(inner: ChainReader, options: CachedChainReaderOptions = {}): CachedChainReader {
  const values = new Map<string, unknown>(options.snapshot?.entries ?? []);
  const pending = new Map<string, Promise<unknown>>();
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 3;
  let consecutiveFailures = 0;

  function read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (values.has(key)) return Promise.resolve(values.get(key) as T);
    let promise = pending.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      if (consecutiveFailures >= maxConsecutiveFailures) {
        return Promise.reject(
          new ChainError(`Chain read failed: gave up after ${consecutiveFailures} failed reads in a row`, { code: "CHAIN_UNREACHABLE" }),
        );
      }
      promise = load().then(
        (value) => {
          values.set(key, value);
          pending.delete(key);
          consecutiveFailures = 0;
          return value;
        },
        (error: unknown) => {
          pending.delete(key);
          consecutiveFailures++;
          throw error;
        },
      );
      pending.set(key, promise);
    }
    return promise;
  }

  // The lens path: one request answers a batch's reads, stored under the keys the single reads use, so the checks find
  // them there. A lens that fails once is not asked again by this reader; the single reads answer instead, as without it.
  let lensFailed = false;
  const inFlight = new Map<string, Promise<void>>();
  const nextRequest = new Map<string, { leaves: Set<string>; done: Promise<void> }>();
  const remember = (issuerId: string, root: string, leaves: readonly string[], blockNumber: number, state: BatchState) => {
    values.set(`batch|${issuerId}|${root}|${blockNumber}`, state.batch);
    values.set(`batchRevocation|${issuerId}|${root}|${blockNumber}`, state.batchRevocation);
    leaves.forEach((leaf, i) => values.set(`credentialRevocation|${issuerId}|${root}|${leaf}|${blockNumber}`, state.leafRevocations[i] ?? null));
    const { batch } = state;
    if (batch === null) return;
    values.set(`issuer|${batch.issuerId}|${blockNumber}`, state.issuer);
    values.set(`isAuthorisedAt|${batch.issuerId}|${batch.signer}|${batch.anchoredAt}|${blockNumber}`, state.signerAuthorised);
    values.set(`statusAt|${batch.issuerId}|${batch.anchoredAt}|${blockNumber}`, state.statusAtAnchoring);
  };

  const revokedSet = (issuerId: string, root: string, blockNumber: number, source: RevokedLeavesSource): Promise<string[]> =>
    read(`revokedLeaves|${issuerId}|${root}|${blockNumber}`, async () => {
      const batch = await reader.batch(issuerId, root, blockNumber);
      // No batch, no revocation: the contract refuses to revoke in a batch it does not hold.
      if (batch === null) return [];
      return [...new Set((await source(issuerId, root, batch.blockNumber, blockNumber)).map((leaf) => leaf.toLowerCase()))];
    });

  const revokedLookup = new Map<string, Set<string>>();
  // Earlier deployments the verifier still accepts (SPEC §8.1) get caches of their own: the keys above do not name
  // contracts, and `revokedLeaves` lists the current anchor's events only, so theirs are read leaf by leaf.
  const earlier = new Map<string, CachedChainReader>();
  const forContracts = inner.forContracts?.bind(inner);

  const reader: CachedChainReader = {
    chainId: () => read("chainId", () => inner.chainId()),
    latestBlock: () => read<BlockRef>("latestBlock", () => inner.latestBlock()),
    batch: (issuerId, root, blockNumber) => read(`batch|${issuerId}|${root}|${blockNumber}`, () => inner.batch(issuerId, root, blockNumber)),
    batchRevocation: (issuerId, root, blockNumber) =>
      read(`batchRevocation|${issuerId}|${root}|${blockNumber}`, () => inner.batchRevocation(issuerId, root, blockNumber)),
    credentialRevocation: async (issuerId, root, leaf, blockNumber) => {
      const listKey = `revokedLeaves|${issuerId}|${root}|${blockNumber}`;
      if (options.revokedLeaves !== undefined || values.has(listKey)) {
        let revoked = revokedLookup.get(listKey);
        if (revoked === undefined) {
          const list = values.has(listKey)
            ? (values.get(listKey) as string[])
            : await revokedSet(issuerId, root, blockNumber, options.revokedLeaves as RevokedLeavesSource);
          revoked = new Set(list);
          revokedLookup.set(listKey, revoked);
        }
        if (!revoked.has(leaf.toLowerCase())) return null;
      }
      return read(`credentialRevocation|${issuerId}|${root}|${leaf}|${blockNumber}`, () =>
        inner.credentialRevocation(issuerId, root, leaf, blockNumber),
      );
    },
    issuer: (issuerId, blockNumber) => read(`issuer|${issuerId}|${blockNumber}`, () => inner.issuer(issuerId, blockNumber)),
    isAuthorisedAt: (issuerId, key, timestamp, blockNumber) =>
      read(`isAuthorisedAt|${issuerId}|${key}|${timestamp}|${blockNumber}`, () => inner.isAuthorisedAt(issuerId, key, timestamp, blockNumber)),
    statusAt: (issuerId, timestamp, blockNumber) =>
      read(`statusAt|${issuerId}|${timestamp}|${blockNumber}`, () => inner.statusAt(issuerId, timestamp, blockNumber)),

    readAhead(issuerId, root, leaves, blockNumber) {
      const batchState = inner.batchState?.bind(inner);
      if (batchState === undefined || lensFailed) return Promise.resolve();
      const known = (leaf: string) => values.has(`credentialRevocation|${issuerId}|${root}|${leaf}|${blockNumber}`);
      const missing = leaves.filter((leaf) => !known(leaf));
      const batchKey = `batch|${issuerId}|${root}|${blockNumber}`;
      if (missing.length === 0 && values.has(batchKey)) return Promise.resolve();
      // While one request for this batch is under way, the leaves asked meanwhile wait and go together in the next:
      // credentials verified side by side cost one request per round, not one each.
      const waiting = nextRequest.get(batchKey);
      if (waiting !== undefined) {
        for (const leaf of missing) waiting.leaves.add(leaf);
        return waiting.done;
      }
      const request = { leaves: new Set(missing), done: Promise.resolve() };
      nextRequest.set(batchKey, request);
      // With none under way, the request leaves one task later: credentials started side by side reach this point
      // within the same task (their work in between is synchronous or already answered), so they share it.
      request.done = (inFlight.get(batchKey) ?? nextTask()).then(async () => {
        nextRequest.delete(batchKey);
        const wanted = [...request.leaves].filter((leaf) => !known(leaf));
        if (lensFailed || (wanted.length === 0 && values.has(batchKey))) return;
        try {
          remember(issuerId, root, wanted, blockNumber, await batchState(issuerId, root, wanted, blockNumber));
        } catch {
          lensFailed = true;
        }
      });
      inFlight.set(batchKey, request.done);
      return request.done;
    },

    async prefetchBatch(issuerId, root) {
      const [block] = await Promise.all([reader.latestBlock(), reader.chainId()]);
      await reader.readAhead(issuerId, root, [], block.number);
      const batch = await reader.batch(issuerId, root, block.number);
      if (batch === null) return;
      const revocations = [reader.batchRevocation(issuerId, root, block.number)];
      if (options.revokedLeaves !== undefined) {
        const leaves = await revokedSet(issuerId, root, block.number, options.revokedLeaves);
        for (const leaf of leaves) revocations.push(reader.credentialRevocation(issuerId, root, leaf, block.number));
      }
      await Promise.all([
        ...revocations,
        reader.issuer(batch.issuerId, block.number),
        reader.isAuthorisedAt(batch.issuerId, batch.signer, batch.anchoredAt, block.number),
        reader.statusAt(batch.issuerId, batch.anchoredAt, block.number),
      ]);
    },

    snapshot: () => ({ entries: [...values] }),
    ...(forContracts === undefined
      ? {}
      : {
          forContracts: (contracts: { anchor: string; registry: string }) => {
            const key = `${contracts.anchor}|${contracts.registry}`.toLowerCase();
            let cached = earlier.get(key);
            if (cached === undefined) {
              cached = createCachedChainReader(forContracts(contracts), { maxConsecutiveFailures });
              earlier.set(key, cached);
            }
            return cached;
          },
        }),
  };
  return reader;
}

/** The inner reader of a snapshot-only cache: anything the snapshot lacks is undecidable, never guessed. */
export const offlineChainReader: ChainReader = new Proxy({} as ChainReader, {
  get: () => () => Promise.reject(new ChainError("Chain read failed: not in the cached chain state", { code: "CHAIN_UNREACHABLE" })),
});
