import type { Deployment } from "../Deployment";
import { contractInterface } from "./contractInterface";
import type { GovernanceCall } from "./GovernanceCall";
import { encodeRegistryCall } from "./encodeRegistryCall";


/** The (target, data) of a proposal making `call`: the anchor for revocations, the registry for the rest. */
export function encodeGovernanceCall(deployment: Pick<Deployment, "anchor" | "registry">, call: GovernanceCall): { target: string; data: string } {
  if (call.function === "revokeBatch" || call.function === "revokeCredential") {
    return { target: deployment.anchor, data: contractInterface("anchor").encodeFunctionData(call.function, call.args) };
  }
  return { target: deployment.registry, data: encodeRegistryCall(call) };
}
