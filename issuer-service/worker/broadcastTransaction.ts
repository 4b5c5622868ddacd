import type { ServiceContext } from "../ServiceContext";

/**
 * What the node said to a raw transaction. `known`: it already holds this very transaction. `nonceUsed`: a
 * transaction with this nonce is already mined ("nonce too low"), possibly this one or another the worker signed
 * for the same nonce. `underpriced`: a transaction with this nonce is pending at a fee at least as high.
 */
export type BroadcastOutcome = "accepted" | "known" | "nonceUsed" | "underpriced";

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends a raw transaction. The node's refusals that concern the nonce are answers, not failures: whether one of
 * the worker's own transactions took the nonce is decided afterwards from receipts and the anchor contract's
 * record, never from the refusal alone (it may come from a node that has just mined the transaction itself).
 */
export async function broadcastTransaction(ctx: ServiceContext, raw: string): Promise<BroadcastOutcome> {
  try {
    await ctx.chain.provider.broadcastTransaction(raw);
    return "accepted";
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = text(error);
    if (/already known|known transaction|already imported/i.test(message)) return "known";
    if (code === "NONCE_EXPIRED" || /nonce too low|nonce has already been used/i.test(message)) return "nonceUsed";
    if (code === "REPLACEMENT_UNDERPRICED" || /replacement transaction underpriced|replacement fee too low/i.test(message)) return "underpriced";
    throw error;
  }
}
