import { Worker } from "node:worker_threads";
import type { WorkerRequest } from "./worker";

const WORKER_FILE = require.resolve("./worker.ts");

/** A worker thread running scripts/bench/worker.ts (through tsx) that answers one request at a time. */
export class BenchWorker {
  private readonly worker: Worker;

  /** A heap cap of 256 MB for any N: a thread holds one CSV part's records at a time (worker.ts), reads the tree from shared bytes, and keeps the Merkle-pair memo when verifying. */
  constructor() {
    // A young generation of 96 MB (32 MB semi-spaces): hashing allocates a few hundred short-lived objects per
    // credential, and with 16 MB (5 MB semi-spaces) saltClaims spent a quarter more CPU (≈ 110-120 against
    // 83-85 µs per credential, best of five rounds, `--max-semi-space-size` 5 against 32 on one thread).
    // A capped old generation: a thread's garbage is collected rather than left to grow the process (RSS counts every
    // thread); a worker never holds more than one CSV part's graduate records and its Merkle-pair memo.
    this.worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(WORKER_FILE)});`, {
      eval: true,
      resourceLimits: { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: 256 },
    });
  }

  request<T>(message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once("error", onError);
      this.worker.once("message", (reply: { ok: true; result: T; heapMb: unknown } | { ok: false; error: string }) => {
        this.worker.off("error", onError);
        if (reply.ok && process.env.BENCH_DEBUG) process.stderr.write(`[bench] worker ${message.type}: heap ${JSON.stringify(reply.heapMb)}\n`);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      });
      this.worker.postMessage(message, transfer);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
