import type { TransactionReceipt, Wallet } from "ethers";
import { batchTypedData, type Deployment, keccak256Hex } from "@credanchor/core/protocol";
import { createChainWriter } from "@credanchor/core/chain";

/**
 * Gas of `anchorBatch` for synthetic roots of the given batch sizes, signed by the issuer key as a real batch is:
 * the contract stores one record per batch whatever its size, so only the count's calldata bytes may differ.
 */
export async function anchorGas(signer: Wallet, deployment: Deployment, sizes: number[]): Promise<Record<string, number>> {
  const writer = createChainWriter(signer, deployment);
  const gas: Record<string, number> = {};
  for (const count of sizes) {
    const root = keccak256Hex(new TextEncoder().encode(`credanchor:bench:synthetic-root:${count}:${Date.now()}`));
    const typed = batchTypedData({ chainId: deployment.chainId, anchor: deployment.anchor, issuer: signer.address, root, count });
    const signature = await signer.signTypedData(typed.domain, typed.types, typed.message);
    const tx = await writer.anchorBatch(root, count, "QmSyntheticManifestForGasMeasurement000000000000", signature);
    const receipt = (await tx.wait()) as TransactionReceipt;
    gas[String(count)] = Number(receipt.gasUsed);
  }
  return gas;
}
