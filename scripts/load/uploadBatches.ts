import { graduateCsv } from "../lib/graduateCsv";
import { runAutocannon, type PhaseResult } from "./runAutocannon";

export interface Uploader {
  universityId: string;
  apiKey: string;
}

export interface UploadedBatch {
  id: string;
  /** The API key of the university that uploaded it: only that university may read it. */
  apiKey: string;
}

/** Longest wait for one upload's answer: 2,000 rows take well under a second alone, far longer beside 7 others. */
const UPLOAD_TIMEOUT_SECONDS = 120;

/**
 * `batches` CSV uploads of `rows` graduates each, from every uploader at once: one connection per uploader, each
 * sending its share of the batches one after another, over all instances in turn. Each batch has its own student
 * ids. Returns the phase's figures and the batches the service accepted (202).
 */
export async function uploadBatches(spec: {
  urls: string[];
  uploaders: Uploader[];
  batches: number;
  rows: number;
  progress(line: string): void;
}): Promise<{ phase: PhaseResult; accepted: UploadedBatch[] }> {
  const bodies = Array.from({ length: spec.batches }, (_, batch) => Buffer.from(graduateCsv(spec.rows, `B${batch}-`)));
  const accepted: UploadedBatch[] = [];
  let next = 0;
  const phase = await runAutocannon({
    title: "uploads",
    urls: spec.urls,
    connections: Math.min(spec.uploaders.length, spec.batches),
    bound: { amount: spec.batches },
    timeoutSeconds: UPLOAD_TIMEOUT_SECONDS,
    progress: (line) => spec.progress(`${line}, ${accepted.length}/${spec.batches} accepted`),
    requests: [
      {
        // The context lives from one request's setup to its answer: it carries which university sent it.
        setupRequest: (request, context: { uploader?: Uploader }) => {
          const batch = next++;
          const uploader = spec.uploaders[batch % spec.uploaders.length] as Uploader;
          context.uploader = uploader;
          return {
            ...request,
            method: "POST",
            path: "/api/v1/batches",
            headers: { authorization: `Bearer ${uploader.apiKey}`, "content-type": "text/csv" },
            body: bodies[batch % bodies.length],
          };
        },
        onResponse: (status, body, context: { uploader?: Uploader }) => {
          if (status === 202 && context.uploader) accepted.push({ id: (JSON.parse(body) as { id: string }).id, apiKey: context.uploader.apiKey });
        },
      },
    ],
  });
  return { phase, accepted };
}
