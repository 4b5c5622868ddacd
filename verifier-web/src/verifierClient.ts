import type { VerifierConfig } from "./config";
import type { BulkRow, InputFile, SkippedFile, WorkerRequest, WorkerResponse } from "./workerProtocol";

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

  /** Stops the running bulk run after the files already started; their rows still arrive. */
  cancelBulk(): void {
    if (this.bulkId !== undefined) this.worker.postMessage({ kind: "cancel", id: this.bulkId } satisfies WorkerRequest);
  }

  /** Starts a bulk run; a later call supersedes it (its remaining answers are dropped). */
  bulk(files: InputFile[], callbacks: BulkCallbacks): void {
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
          break;
      }
    };
    this.send({ kind: "bulk", id, config: this.config, files }, handler, files.map((file) => file.bytes));
  }
}
