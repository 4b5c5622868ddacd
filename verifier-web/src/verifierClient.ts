import type { VerifierConfig } from "./config";
import { nextTask } from "./nextTask";
import type { BulkRow, ScaleOutcome, SkippedFile, WorkerRequest, WorkerResponse } from "./workerProtocol";

/**
 * Files handed to the worker per message. Passing a File to the worker costs the page one synchronous look-up of the
 * file in the browser (0.1–2 ms each, by the load): 2,000 in one message held the page for 0.3–0.7 s, 25 a message
 * stay at a few tens of ms each (bench:web traces).
 */
const FILES_PER_MESSAGE = 25;

/** One verification as the worker answered it (see the `report` response). */
export type VerifiedCredential = Omit<Extract<WorkerResponse, { kind: "report" }>, "kind" | "id">;

export interface BulkCallbacks {
  onStart(total: number, unreadableZips: string[], skipped: SkippedFile[]): void;
  onRows(rows: { index: number; row: BulkRow }[]): void;
  onDone(cancelled: boolean): void;
  onFailed(message: string): void;
}

/**
 * The page's handle on the verification worker. Each request carries an id; answers to a request the page has since
 * replaced (the user dropped other files) are ignored rather than shown.
 */
export class VerifierClient {
  private readonly worker = new Worker(new URL("./verificationWorker.ts", import.meta.url), { type: "module" });
  private nextId = 1;
  private readonly handlers = new Map<number, (response: WorkerResponse) => void>();
  private bulkId: number | undefined;
  /** Each scale is fetched once per page: a redraw (another language) shows the same outcome again. */
  private readonly scales = new Map<string, Promise<ScaleOutcome>>();

  constructor(private readonly config: VerifierConfig) {
    this.worker.addEventListener("message", (event: MessageEvent<WorkerResponse>) => this.handlers.get(event.data.id)?.(event.data));
    // A worker that cannot load or crashes must end every pending request, or the page would wait forever.
    this.worker.addEventListener("error", (event: ErrorEvent) => {
      const message = event.message || "worker error";
      for (const [id, handler] of [...this.handlers]) handler({ kind: "failed", id, message });
    });
  }

  private send(request: WorkerRequest, handler: (response: WorkerResponse) => void, transfer: Transferable[] = []): void {
    this.handlers.set(request.id, handler);
    this.worker.postMessage(request, transfer);
  }

  verify(input: string | ArrayBuffer): Promise<VerifiedCredential> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.send({ kind: "verify", id, config: this.config, input }, (response) => {
        this.handlers.delete(id);
        if (response.kind === "report") {
          const { kind: _kind, id: _id, ...verified } = response;
          resolve(verified);
        } else reject(new Error(response.kind === "failed" ? response.message : `unexpected ${response.kind}`));
      });
    });
  }

  /** The credential with the claims at `pointers` hidden, as the text of a file (SPEC §6.2). */
  disclose(text: string, pointers: string[]): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.send({ kind: "disclose", id, text, pointers }, (response) => {
        this.handlers.delete(id);
        if (response.kind === "disclosed") resolve(response.text);
        else reject(new Error(response.kind === "failed" ? response.message : `unexpected ${response.kind}`));
      });
    });
  }

  /**
   * The grading scale `cid` from the configured content store, checked against its CID in the worker; undefined
   * when the page has no content store (config.json `contentStoreUrl`).
   */
  gradingScale(cid: string): Promise<ScaleOutcome> | undefined {
    const base = this.config.contentStoreUrl;
    if (base === undefined) return undefined;
    let outcome = this.scales.get(cid);
    if (outcome === undefined) {
      const id = this.nextId++;
      outcome = new Promise((resolve) => {
        this.send({ kind: "scale", id, url: `${base}${encodeURIComponent(cid)}`, cid }, (response) => {
          this.handlers.delete(id);
          resolve(response.kind === "scale" ? response.outcome : { status: "unreachable" });
        });
      });
      this.scales.set(cid, outcome);
    }
    return outcome;
  }

  /** Stops the running bulk run after the files already started; their rows still arrive. */
  cancelBulk(): void {
    if (this.bulkId !== undefined) this.worker.postMessage({ kind: "cancel", id: this.bulkId } satisfies WorkerRequest);
  }

  /** Starts a bulk run; a later call supersedes it (its remaining answers are dropped). */
  bulk(files: File[], callbacks: BulkCallbacks): void {
    if (this.bulkId !== undefined) this.handlers.delete(this.bulkId);
    const id = this.nextId++;
    this.bulkId = id;
    const handler = (response: WorkerResponse) => {
      switch (response.kind) {
        case "bulkStart":
          callbacks.onStart(response.total, response.unreadableZips, response.skipped);
          break;
        case "bulkRows":
          callbacks.onRows(response.rows);
          break;
        case "bulkDone":
          this.handlers.delete(id);
          callbacks.onDone(response.cancelled);
          break;
        case "failed":
          this.handlers.delete(id);
          callbacks.onFailed(response.message);
          break;
        case "report":
        case "disclosed":
        case "scale":
          break;
      }
    };
    this.handlers.set(id, handler);
    void this.sendFiles(id, files);
  }

  /** Hands the files over a slice at a time, one task each, so the page can paint and take input in between. */
  private async sendFiles(id: number, files: File[]): Promise<void> {
    for (let start = 0; ; start += FILES_PER_MESSAGE) {
      // A newer run replaced this one while its files were being handed over: the rest are not sent.
      if (this.bulkId !== id) return;
      const last = start + FILES_PER_MESSAGE >= files.length;
      this.worker.postMessage({ kind: "bulk", id, config: this.config, files: files.slice(start, start + FILES_PER_MESSAGE), last } satisfies WorkerRequest);
      if (last) return;
      await nextTask();
    }
  }
}
