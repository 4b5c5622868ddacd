import type { VerificationRequest, VerificationResult } from "./VerificationMessage";
import VerificationWorker from "./verificationWorker?worker";

/** The page's side of the verification worker: one promise per submission sent to it. */
export function submissionVerifier(): { verify(request: Omit<VerificationRequest, "id">): Promise<VerificationResult> } {
  const worker = new VerificationWorker();
  const waiting = new Map<number, (result: VerificationResult) => void>();
  let next = 0;
  worker.addEventListener("message", (event: MessageEvent<VerificationResult>) => {
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  });
  return {
    verify(request) {
      return new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        worker.postMessage({ ...request, id });
      });
    },
  };
}
