import type { ServiceContext } from "../ServiceContext";
import { AnchoringRefusedError } from "./AnchoringRefusedError";

/**
 * The issuer a batch's key signs and anchors for: the namespace its root lives in on chain (SPEC §7). The registry
 * never moves a key to another issuer, so this is also the issuer the batch's credentials and signature name.
 */
export async function batchIssuer(ctx: Pick<ServiceContext, "chain">, signer: string): Promise<string> {
  const key = await ctx.chain.reader.signingKey(signer);
  if (key === null) throw new AnchoringRefusedError(`Key ${signer} is not a signing key in the registry`, { code: "ANCHOR_REFUSED" });
  return key.issuerId;
}
