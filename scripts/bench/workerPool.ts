import { Worker } from "node:worker_threads";
import type { WorkerRequest } from "./worker";

const WORKER_FILE = require.resolve("./worker.ts");

/** A worker thread running scripts/bench/worker.ts (through tsx) that answers one request at a time. */
export class BenchWorker {
  private readonly worker: Worker;

  constructor() {
    // A larger young generation: issuing allocates millions of short-lived strings, and 16 MiB semi-spaces would
    // spend a third of the time in scavenges.
    this.worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(WORKER_FILE)});`, {
      eval: true,
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
  }

  request<T>(message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once("error", onError);
      this.worker.once("message", (reply: { ok: true; result: T } | { ok: false; error: string }) => {
        this.worker.off("error", onError);
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
