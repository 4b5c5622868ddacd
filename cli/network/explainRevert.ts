import { decodeRevert, formatRevert } from "@credanchor/core/chain";

const when = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString();

/**
 * A governance revert in words a council member can act on, or undefined if the error is not a revert of the
 * registry (then the caller lets it through unchanged, e.g. an unreachable chain).
 */
export function explainRevert(error: unknown): string | undefined {
  const revert = decodeRevert(error);
  if (!revert) return undefined;
  const [a, b, c] = revert.args;
  switch (revert.name) {
    case "IssuerRegistryAlreadyApproved":
      return `${String(b)} has already approved proposal ${String(a)}; each member's vote counts once`;
    case "IssuerRegistryProposalExpired":
      return `Proposal ${String(a)} expired at ${when(b)}; it can no longer be approved or executed (propose it again)`;
    case "IssuerRegistryThresholdNotMet":
      return `Proposal ${String(a)} has ${String(b)} of the ${String(c)} approvals it needs from current members; it was not executed`;
    case "IssuerRegistryProposalExecuted":
      return `Proposal ${String(a)} has already been executed`;
    case "IssuerRegistryProposalMissing":
      return `There is no proposal ${String(a)}`;
    case "IssuerRegistryNotMember":
      return `${String(a)} is not a member of the governance council`;
    case "IssuerRegistryProposalFailed":
      return `Proposal ${String(a)} was approved but its call failed: ${revert.inner ? formatRevert(revert.inner) : "no reason given"}`;
    default:
      return `The registry refused: ${formatRevert(revert)}`;
  }
}
