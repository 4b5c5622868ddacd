import { BaseError } from "@credanchor/core/protocol";

/**
 * ANCHOR_REFUSED: the anchor contract refuses to anchor the batch (a suspended key, an invalid signature…);
 * ANCHOR_REVERTED: the batch's transaction was mined but reverted and the root is not anchored;
 * ANCHOR_ROOT_TAKEN: the root is anchored under the batch's issuer, but by another of its keys;
 * ANCHOR_RECORD_MISMATCH: the chain's record of the root differs from what the worker sent (issuer, count or manifest).
 * Another issuer's record of the same root is none of these: the anchor files roots per issuer (SPEC §7).
 */
export type AnchoringRefusedCode = "ANCHOR_REFUSED" | "ANCHOR_REVERTED" | "ANCHOR_ROOT_TAKEN" | "ANCHOR_RECORD_MISMATCH";

/**
 * The chain's final answer that this batch cannot be anchored by its key. It is the only error that fails a batch
 * once a transaction for its root has been signed: anything else (an unreachable node, a refused send) may hide a
 * root that is on chain after all, so the worker retries instead.
 */
export class AnchoringRefusedError extends BaseError<AnchoringRefusedCode> {
  override name = "AnchoringRefusedError";
}
