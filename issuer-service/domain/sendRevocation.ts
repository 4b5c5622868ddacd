import { decodeRevert, formatRevert, type DeploymentReader } from "@credanchor/core/chain";
import type { ServiceContext } from "../ServiceContext";
import { ConflictError } from "../errors";
import { resolveIssuer } from "./resolveIssuer";

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
  const writer = ctx.chain.writer(wallet);
  // The university's batches are filed under its issuer id on chain, whichever of its keys anchored them.
  const { issuerId } = await resolveIssuer(ctx.chain, wallet);
  if (await isRevoked(ctx.chain.reader, issuerId, revocation)) return null;
  return ctx.sendLock.run(wallet.address, async () => {
    try {
      const tx =
        revocation.kind === "credential"
          ? await writer.revokeCredential(issuerId, revocation.root, revocation.leaf, revocation.proof, revocation.reasonCode, revocation.reason)
          : await writer.revokeBatch(issuerId, revocation.root, revocation.reasonCode, revocation.reason);
      await tx.wait(ctx.config.confirmations);
      return tx.hash;
    } catch (error) {
      const revert = decodeRevert(error);
      if (revert === undefined) throw error;
      throw new ConflictError("CHAIN_REFUSED", { params: { reason: formatRevert(revert) } });
    }
  });
}

async function isRevoked(reader: DeploymentReader, issuerId: string, revocation: Revocation): Promise<boolean> {
  const record =
    revocation.kind === "credential"
      ? await reader.credentialRevocation(issuerId, revocation.root, revocation.leaf)
      : await reader.batchRevocation(issuerId, revocation.root);
  return record !== null;
}
