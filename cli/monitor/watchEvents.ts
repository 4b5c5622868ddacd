import type { JsonRpcProvider } from "ethers";
import { createChainReader, createProvider, probeChainId, type ChainEvent, type DeploymentReader } from "@credanchor/core/chain";
import { ChainError } from "@credanchor/core/protocol";

/** How many recent blocks the monitor remembers to notice a reorganisation (QBFT has none; Hardhat and PoW do). */
export const REORG_WINDOW = 64;
/** Older checkpoints kept, ever more sparsely, so a deep change (a reset chain) still finds where it began. */
const OLD_CHECKPOINTS = 32;
const MAX_BLOCKS_PER_QUERY = 2_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;

export interface WatchedEvent extends ChainEvent {
  /** Block time, ISO 8601. */
  time: string;
  /** Set on the re-emission of an event whose block left the canonical chain. */
  reorged?: true;
}

export interface WatchOptions {
  rpcUrl: string;
  chainId: number;
  contracts: { registry: string; anchor: string };
  since: number;
  /** Keep polling for new blocks instead of stopping at the current head. */
  follow: boolean;
  /** Stop after this block (inclusive). */
  untilBlock?: number;
  pollIntervalMs: number;
  log: (message: string) => void;
  /** A saved state to resume from (its `next` and checkpoints win over `since`). */
  resume?: WatchState;
  /** Called after every fully processed range, with the state to save. */
  onProgress?: (state: WatchState) => void;
}

/** Keeps the most recent checkpoints densely and older ones more sparsely (halving them when too many). */
function thin(checkpoints: Checkpoint[], floor: number): Checkpoint[] {
  const recent = checkpoints.filter((c) => c.number > floor);
  let older = checkpoints.filter((c) => c.number <= floor);
  while (older.length > OLD_CHECKPOINTS) older = older.filter((_, i) => i % 2 === 0 || i === older.length - 1);
  return [...older, ...recent];
}

export interface Checkpoint {
  number: number;
  hash: string;
}

/** The chain no longer holds blocks the monitor reported: it rescans from `fromBlock`. */
export interface ChainRewind {
  rewind: true;
  fromBlock: number;
  /** False when the change lies below every block the monitor remembers: it rescans from where it started. */
  forkFound: boolean;
}

/** Where a watch stands, to resume it later (`--cursor`): the next block and the hashes that prove the past. */
export interface WatchState {
  since: number;
  next: number;
  checkpoints: Checkpoint[];
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Every event of the registry and the anchor from `since` on, in chain order, as an async iterator.
 *
 * - RPC failures (node restarted, network down) never end the watch: it retries with exponential backoff and
 *   resumes from the block after the last one it fully processed, so nothing is skipped or reported twice.
 * - Reorganisations and resets: it remembers the hashes of processed blocks (densely within the last REORG_WINDOW
 *   blocks, sparsely below). When the chain no longer has the last remembered hash it walks back to the newest
 *   remembered block that is still canonical — or, if none is, to where the watch started — yields a ChainRewind
 *   saying so, re-emits the events above it it still holds with `reorged: true` (newest first) and scans again.
 */
export async function* watchEvents(options: WatchOptions): AsyncGenerator<WatchedEvent | ChainRewind> {
  const since = options.resume?.since ?? options.since;
  let next = options.resume?.next ?? since;
  let checkpoints: Checkpoint[] = options.resume?.checkpoints ?? [];
  let recent: WatchedEvent[] = [];
  let connection: { provider: JsonRpcProvider; reader: DeploymentReader } | undefined;
  let retryMs = FIRST_RETRY_MS;
  const times = new Map<string, string>();

  const blockTime = async (p: JsonRpcProvider, hash: string): Promise<string> => {
    const known = times.get(hash);
    if (known) return known;
    const block = await p.getBlock(hash);
    if (!block) throw new Error(`block ${hash} vanished while reading it`);
    const time = new Date(block.timestamp * 1000).toISOString();
    times.set(hash, time);
    return time;
  };

  /** The newest remembered block still on the chain, or undefined when the last one still is (no reorg). */
  const forkPoint = async (p: JsonRpcProvider): Promise<{ block: number; found: boolean } | undefined> => {
    for (let i = checkpoints.length - 1; i >= 0; i--) {
      const checkpoint = checkpoints[i] as Checkpoint;
      const block = await p.getBlock(checkpoint.number);
      if (block?.hash === checkpoint.hash) return i === checkpoints.length - 1 ? undefined : { block: checkpoint.number, found: true };
    }
    if (checkpoints.length === 0) return undefined;
    return { block: since - 1, found: false };
  };

  try {
    for (;;) {
      try {
        if (!connection) {
          const chainId = await probeChainId(options.rpcUrl);
          if (chainId !== options.chainId) {
            throw new ChainError(`The RPC now serves chain ${chainId}, not ${options.chainId}`, { code: "CHAIN_CHANGED" });
          }
          const provider = createProvider(options.rpcUrl, options.chainId);
          connection = { provider, reader: createChainReader(provider, options.contracts) };
        }
        const { provider, reader } = connection;
        const rewind = await forkPoint(provider);
        if (rewind !== undefined) {
          const fork = rewind.block;
          options.log(
            rewind.found
              ? `monitor: the chain changed above block ${fork}; rewinding to block ${fork + 1}`
              : `monitor: the chain changed below every block the monitor remembers (a reset or another chain); rescanning from block ${since}`,
          );
          yield { rewind: true, fromBlock: fork + 1, forkFound: rewind.found };
          for (const event of recent.filter((e) => e.blockNumber > fork).reverse()) yield { ...event, reorged: true };
          recent = recent.filter((e) => e.blockNumber <= fork);
          checkpoints = checkpoints.filter((c) => c.number <= fork);
          next = fork + 1;
          continue;
        }
        const head = await provider.getBlockNumber();
        const target = options.untilBlock === undefined ? head : Math.min(head, options.untilBlock);
        if (next > target) {
          const done = !options.follow || (options.untilBlock !== undefined && next > options.untilBlock);
          if (done) return;
          retryMs = FIRST_RETRY_MS;
          await sleep(options.pollIntervalMs);
          continue;
        }
        const to = Math.min(target, next + MAX_BLOCKS_PER_QUERY - 1);
        const [found, last] = await Promise.all([reader.events(next, to), provider.getBlock(to)]);
        if (!last) throw new Error(`block ${to} is not available yet`);
        const events: WatchedEvent[] = [];
        for (const event of found) events.push({ ...event, time: await blockTime(provider, event.blockHash) });
        // Only now is the range complete: a failure above retries the whole range, so nothing is emitted twice.
        for (const event of events) yield event;
        const seen = new Map<number, string>(events.map((e) => [e.blockNumber, e.blockHash]));
        seen.set(to, last.hash as string);
        const floor = to - REORG_WINDOW;
        checkpoints = thin([...checkpoints, ...[...seen].sort(([a], [b]) => a - b).map(([number, hash]) => ({ number, hash }))], floor);
        recent = [...recent, ...events].filter((e) => e.blockNumber > floor);
        next = to + 1;
        options.onProgress?.({ since, next, checkpoints });
        retryMs = FIRST_RETRY_MS;
      } catch (error) {
        if (error instanceof ChainError && error.code === "CHAIN_CHANGED") throw error;
        connection?.provider.destroy();
        connection = undefined;
        const reason = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
        options.log(`monitor: RPC unavailable (${reason.split("\n")[0]}); retrying in ${(retryMs / 1000).toFixed(1)}s from block ${next}`);
        await sleep(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  } finally {
    connection?.provider.destroy();
  }
}
