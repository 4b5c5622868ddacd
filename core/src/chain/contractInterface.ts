import { Interface } from "ethers";
import { credentialAnchorAbi, issuerRegistryAbi } from "../generated/abis";

const ABIS = {
  registry: () => issuerRegistryAbi,
  anchor: () => credentialAnchorAbi,
  // Both contracts' errors in one interface: a registry error can surface through the anchor (it asks the registry)
  // and a governance execution wraps the error of whatever the proposal called.
  errors: () => [...issuerRegistryAbi.filter((fragment) => fragment.type === "error"), ...credentialAnchorAbi.filter((fragment) => fragment.type === "error")],
};

const built = new Map<keyof typeof ABIS, Interface>();

/**
 * ethers' Interface of the registry, of the anchor, or of both contracts' errors: built on first use, then shared.
 * Building one parses its whole ABI; built at module load, five of them cost every `credanchor verify` about 10 ms
 * of its start although verify reads through the lens codec (createRpcChainReader) and never uses them.
 */
export function contractInterface(contract: keyof typeof ABIS): Interface {
  let found = built.get(contract);
  if (found === undefined) {
    found = new Interface(ABIS[contract]());
    built.set(contract, found);
  }
  return found;
}
