import type { BatchRecord } from "@credanchor/core/protocol";
import { AnchoringRefusedError } from "./AnchoringRefusedError";

/** What the worker sent to anchor a batch (its row's columns) and the issuer it signed for. */
export interface SentAnchoring {
  root: string | null;
  signer: string | null;
  count: number;
  manifest_cid: string | null;
}

const sameAddress = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The chain's record of the batch's root is the batch's own only if it is exactly what the worker sent: filed under
 * the batch's issuer, anchored by the batch's key, with its count and manifest CID. Anything else is a refusal, never
 * "published": a record by another key of the issuer is ANCHOR_ROOT_TAKEN, any other difference
 * ANCHOR_RECORD_MISMATCH (its credentials would not verify, or would point at a manifest that is not theirs).
 */
export function checkAnchoredRecord(sent: SentAnchoring, issuerId: string, record: BatchRecord): void {
  const root = sent.root;
  if (!sameAddress(record.issuerId, issuerId)) {
    throw new AnchoringRefusedError(`Root ${root} is recorded for issuer ${record.issuerId}, not for this batch's issuer ${issuerId}`, {
      code: "ANCHOR_RECORD_MISMATCH",
      details: { field: "issuerId", expected: issuerId, actual: record.issuerId },
    });
  }
  if (!sameAddress(record.signer, sent.signer)) {
    throw new AnchoringRefusedError(`Root ${root} was anchored by key ${record.signer}, not by this batch's key ${sent.signer}`, { code: "ANCHOR_ROOT_TAKEN" });
  }
  const differences: [field: string, expected: unknown, actual: unknown][] = [
    ["count", sent.count, record.count],
    ["manifestCid", sent.manifest_cid, record.manifestCid],
  ];
  for (const [field, expected, actual] of differences) {
    if (expected !== actual) {
      throw new AnchoringRefusedError(`Root ${root} is anchored with ${field} ${String(actual)}, not this batch's ${String(expected)}`, {
        code: "ANCHOR_RECORD_MISMATCH",
        details: { field, expected, actual },
      });
    }
  }
}
