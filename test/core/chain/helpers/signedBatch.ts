import type { Wallet } from "ethers";
import { batchTypedData } from "../../../../core/src/batchTypedData";
import { keccak256Hex } from "../../../../core/src/keccak256";

/** A one-credential batch (its root is its only leaf, the proof empty) signed by `signer` for `anchor`. */
export async function signedBatch(signer: Wallet, anchor: string, label: string): Promise<{ root: string; signature: string }> {
  const root = keccak256Hex(new TextEncoder().encode(`credanchor:test:${label}`));
  const typed = batchTypedData({ chainId: 31337, anchor, issuer: signer.address, root, count: 1 });
  return { root, signature: await signer.signTypedData(typed.domain, typed.types, typed.message) };
}
