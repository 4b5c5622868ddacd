import { acquireLease, releaseLease } from "./db/leases";
import type { Db } from "./db/openDatabase";
import { UnavailableError } from "./errors";

/** How long a sender may wait for another instance's send with the same key before the request gives up (503). */
const MAX_WAIT_MS = 60_000;
const RETRY_MS = 100;

/**
 * A mutex per key (a signing key's address, a university) that holds across every instance on the database: within
 * the process a promise chain orders the callers, across processes a database lease admits one holder. The lease
 * is renewed while `fn` runs and expires on its own if the holder dies, so a killed instance never blocks a key for
 * longer than the lease time. Transactions of one key are thereby signed and sent one at a time everywhere, and a
 * nonce read from the node is never handed to two transactions.
 */
export class SendLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.#holdLease(`send:${key}`, fn));
    this.#tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.#tails.get(key) === current) this.#tails.delete(key);
    }
  }

  async #holdLease<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + MAX_WAIT_MS;
    while (!(await acquireLease(this.db, name, this.holder, this.leaseMs))) {
      if (Date.now() > deadline) throw new UnavailableError("SIGNER_BUSY");
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    const renewal = setInterval(() => void acquireLease(this.db, name, this.holder, this.leaseMs).catch(() => undefined), this.leaseMs / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await releaseLease(this.db, name, this.holder).catch(() => undefined);
    }
  }
}
