import { Interface } from "ethers";
import type { Deployment } from "../Deployment";
import { credentialAnchorAbi } from "../generated/abis";
import type { GovernanceCall } from "./GovernanceCall";
import { encodeRegistryCall } from "./encodeRegistryCall";

const anchorInterface = new Interface(credentialAnchorAbi);

/** The (target, data) of a proposal making `call`: the anchor for revocations, the registry for the rest. */
export function encodeGovernanceCall(deployment: Pick<Deployment, "anchor" | "registry">, call: GovernanceCall): { target: string; data: string } {
  if (call.function === "revokeBatch" || call.function === "revokeCredential") {
    return { target: deployment.anchor, data: anchorInterface.encodeFunctionData(call.function, call.args) };
  }
  return { target: deployment.registry, data: encodeRegistryCall(call) };
}
