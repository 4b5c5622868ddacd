import { getAddress, type Interface } from "ethers";
import type { Deployment } from "../Deployment";
import { contractInterface } from "./contractInterface";


/** A governance proposal's call, decoded against the deployment's contracts. */
export interface DecodedProposalCall {
  contract: "registry" | "anchor";
  /** The function the registry will call, e.g. "suspend". */
  function: string;
  /** Arguments in parameter order, by the parameter names of the ABI. */
  args: { name: string; value: unknown }[];
}

/**
 * What a proposal will do, from its (target, data): members vote on calls, and a vote on an opaque hex string is no
 * vote at all. Undefined when the target is neither of this deployment's contracts or the data matches no function.
 */
export function decodeProposalCall(deployment: Pick<Deployment, "registry" | "anchor">, target: string, data: string): DecodedProposalCall | undefined {
  const to = getAddress(target);
  const contract = to === getAddress(deployment.registry) ? "registry" : to === getAddress(deployment.anchor) ? "anchor" : undefined;
  if (contract === undefined) return undefined;
  let parsed: ReturnType<Interface["parseTransaction"]>;
  try {
    parsed = contractInterface(contract).parseTransaction({ data });
  } catch {
    // Data that names a function but does not decode as its arguments is as opaque as an unknown selector.
    return undefined;
  }
  if (parsed === null) return undefined;
  return { contract, function: parsed.name, args: parsed.fragment.inputs.map((input, i) => ({ name: input.name, value: parsed.args[i] as unknown })) };
}
