import { getAddress } from "ethers";
import { decodeProposalCall } from "@credanchor/core/chain";
import { REVOCATION_REASON_NAMES, type Deployment } from "@credanchor/core/protocol";

export interface ProposalAction {
  /** Function the registry will call, e.g. "accredit"; "unknown" when the data matches neither contract. */
  action: string;
  /** Decoded arguments by parameter name; numbers as decimal strings, timestamps also as ISO dates. */
  args: Record<string, string>;
  /** One line for people, e.g. `suspend(0xAb…, from 2026-09-01T00:00:00.000Z)`. */
  summary: string;
}

/** uint64 parameters of the registry that are unix times; shown as ISO dates so a voter can check them. */
const TIME_PARAMETERS = new Set(["effectiveFrom", "validFrom", "validUntil"]);

/** What time 0 means: the end of a new key's window is open, any other time 0 is the executing block's time. */
function zeroTime(fn: string, name: string): string {
  return fn === "addSigningKey" && name === "validUntil" ? "open-ended" : "at execution";
}

function show(fn: string, name: string, value: unknown): string {
  if (typeof value === "bigint") {
    if (TIME_PARAMETERS.has(name)) return value === 0n ? zeroTime(fn, name) : new Date(Number(value) * 1000).toISOString();
    if (name === "reasonCode") return REVOCATION_REASON_NAMES[Number(value)] ?? value.toString();
    return value.toString();
  }
  return String(value);
}

/** A proposal's call in words a voter can check (decoded by core; calls to anything else are shown as unknown). */
export function describeProposal(deployment: Pick<Deployment, "registry" | "anchor">, target: string, data: string): ProposalAction {
  const call = decodeProposalCall(deployment, target, data);
  if (!call) return { action: "unknown", args: { target: getAddress(target), data }, summary: `call ${getAddress(target)} with ${data.slice(0, 10)}…` };
  const args = Object.fromEntries(call.args.map(({ name, value }) => [name, show(call.function, name, value)]));
  return { action: call.function, args, summary: `${call.function}(${Object.entries(args).map(([k, v]) => `${k}=${v}`).join(", ")})` };
}
