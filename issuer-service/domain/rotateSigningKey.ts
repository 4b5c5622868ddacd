import type { ServiceContext } from "../ServiceContext";
import { ConflictError } from "../errors";

/**
 * Replaces the university's signing key. The new key is generated here and written to the key directory (0600)
 * before anything is sent, so a crash never loses it; if gas costs money on this chain and the new key holds
 * nothing, the old key funds it first (half its balance: the old key is about to retire). Then the old key calls
 * `rotateSigningKey`, which ends its own validity and starts the new key's at the same block. Batches already
 * signed by the old key would no longer be accepted, so rotation waits until none is between build and anchor.
 */
export async function rotateSigningKey(ctx: ServiceContext, universityId: string): Promise<{ oldKey: string; newKey: string; transaction: string | null }> {
  return ctx.sendLock.run(`university:${universityId}`, async () => {
    const busy = await ctx.db
      .selectFrom("batches")
      .select("id")
      .where("university_id", "=", universityId)
      .where("state", "in", ["built", "signed", "anchoring"])
      .executeTakeFirst();
    if (busy !== undefined) throw new ConflictError("ROTATION_BUSY");

    const oldKey = ctx.keys.current(universityId);
    const newKey = ctx.keys.nextKey(universityId);
    const { provider, reader } = ctx.chain;
    const transaction = await ctx.sendLock.run(oldKey.address, async () => {
      // A rotation already on chain (a crash after sending it) left the new key with the old key's issuer.
      const [already, current] = await Promise.all([reader.signingKey(newKey.address), reader.signingKey(oldKey.address)]);
      if (already !== null && already.issuerId === current?.issuerId) return null;
      const fees = await provider.getFeeData();
      const gasCosts = (fees.gasPrice ?? 0n) > 0n || (fees.maxFeePerGas ?? 0n) > 0n;
      if (gasCosts && (await provider.getBalance(newKey.address)) === 0n) {
        const funding = await oldKey.sendTransaction({ to: newKey.address, value: (await provider.getBalance(oldKey.address)) / 2n });
        await funding.wait(ctx.config.confirmations);
      }
      const tx = await ctx.chain.writer(oldKey).rotateSigningKey(newKey.address);
      await tx.wait(ctx.config.confirmations);
      return tx.hash;
    });
    ctx.keys.promoteNextKey(universityId);
    return { oldKey: oldKey.address, newKey: newKey.address, transaction };
  });
}
