import type { Contract } from "ethers";
import type { ServiceContext } from "../ServiceContext";
import { describeChainRefusal } from "../chain/describeChainRefusal";
import { ConflictError } from "../errors";

export type Revocation =
  | { kind: "credential"; root: string; leaf: string; proof: string[]; reasonCode: number; reason: string }
  | { kind: "batch"; root: string; reasonCode: number; reason: string };

/**
 * Sends a revocation from the university's current key and waits for the configured confirmations. A revocation
 * already on chain (a retried request, or the worker resuming a supersession) is accepted as done rather than sent
 * twice: the contract would refuse the duplicate anyway.
 */
export async function sendRevocation(ctx: ServiceContext, universityId: string, revocation: Revocation): Promise<string | null> {
  const wallet = ctx.keys.current(universityId);
  const anchor = ctx.chain.anchor(wallet);
  if (await isRevoked(anchor, revocation)) return null;
  return ctx.sendLock.run(wallet.address, async () => {
    try {
      const tx =
        revocation.kind === "credential"
          ? await anchor.getFunction("revokeCredential")(revocation.root, revocation.leaf, revocation.proof, revocation.reasonCode, revocation.reason)
          : await anchor.getFunction("revokeBatch")(revocation.root, revocation.reasonCode, revocation.reason);
      await tx.wait(ctx.config.confirmations);
      return tx.hash as string;
    } catch (error) {
      const refusal = describeChainRefusal(error, anchor);
      if (refusal === undefined) throw error;
      throw new ConflictError("CHAIN_REFUSED", { params: { reason: refusal } });
    }
  });
}

async function isRevoked(anchor: Contract, revocation: Revocation): Promise<boolean> {
  const record =
    revocation.kind === "credential"
      ? await anchor.getFunction("credentialRevocation")(revocation.root, revocation.leaf)
      : await anchor.getFunction("batchRevocation")(revocation.root);
  return (record.revokedAt as bigint) !== 0n;
}
