import { Interface } from "ethers";
import { issuerRegistryAbi } from "../generated/abis";
import type { RegistryCall } from "./RegistryCall";

const registryInterface = new Interface(issuerRegistryAbi);

/** The calldata a governance proposal carries for `call` (its target is the registry itself). */
export function encodeRegistryCall(call: RegistryCall): string {
  return registryInterface.encodeFunctionData(call.function, call.args);
}
