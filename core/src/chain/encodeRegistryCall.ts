import { contractInterface } from "./contractInterface";
import type { RegistryCall } from "./RegistryCall";


/** The calldata a governance proposal carries for `call` (its target is the registry itself). */
export function encodeRegistryCall(call: RegistryCall): string {
  return contractInterface("registry").encodeFunctionData(call.function, call.args);
}
