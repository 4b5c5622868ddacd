import { Interface, type Log } from "ethers";
import { credentialAnchorAbi, issuerRegistryAbi } from "@credanchor/core/chain";

const registryInterface = new Interface(issuerRegistryAbi);
const anchorInterface = new Interface(credentialAnchorAbi);

/** One contract event as the monitor reports it; arguments are strings so every line is plain JSON. */
export interface ChainEvent {
  event: string;
  contract: "IssuerRegistry" | "CredentialAnchor";
  blockNumber: number;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
  args: Record<string, string>;
}

function stringify(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** Decodes a log of the registry or the anchor; undefined for a log neither contract declares. */
export function describeLog(log: Log, addresses: { registry: string; anchor: string }): ChainEvent | undefined {
  const fromRegistry = log.address.toLowerCase() === addresses.registry.toLowerCase();
  const parsed = (fromRegistry ? registryInterface : anchorInterface).parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) return undefined;
  return {
    event: parsed.name,
    contract: fromRegistry ? "IssuerRegistry" : "CredentialAnchor",
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex: log.index,
    args: Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name, stringify(parsed.args[i])])),
  };
}
