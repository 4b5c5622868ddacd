import type { Contract } from "ethers";

/** The custom error a contract reverted with ("CredentialAnchorAlreadyRevoked(…)"), or undefined if it was no revert. */
export function describeChainRefusal(error: unknown, contract: Contract): string | undefined {
  const candidate = error as { code?: string; data?: string; revert?: { name: string; args: unknown[] } } | null;
  if (candidate?.code !== "CALL_EXCEPTION") return undefined;
  if (candidate.revert) return `${candidate.revert.name}(${candidate.revert.args.map(String).join(", ")})`;
  if (typeof candidate.data === "string") {
    const parsed = contract.interface.parseError(candidate.data);
    if (parsed) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
  }
  return "reverted";
}
