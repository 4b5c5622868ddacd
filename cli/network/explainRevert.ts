import { AccreditationStatus, formatDate, type Language } from "@credanchor/core/protocol";
import { decodeRevert, formatRevert, type DecodedRevert } from "@credanchor/core/chain";
import type { en } from "../i18n/en";
import { translateTo } from "../i18n/translate";

type RevertKey = Extract<keyof typeof en, `revert.${string}`>;

/** Parameter names of each explained error in argument order; a `time:` or `status:` prefix says how it is shown. */
const EXPLAINED: Record<string, { key: RevertKey; params: readonly string[] }> = {
  IssuerRegistryAlreadyApproved: { key: "revert.AlreadyApproved", params: ["id", "member"] },
  IssuerRegistryProposalExpired: { key: "revert.ProposalExpired", params: ["id", "time:expiresAt"] },
  IssuerRegistryThresholdNotMet: { key: "revert.ThresholdNotMet", params: ["id", "approvals", "threshold"] },
  IssuerRegistryProposalExecuted: { key: "revert.ProposalExecuted", params: ["id"] },
  IssuerRegistryProposalMissing: { key: "revert.ProposalMissing", params: ["id"] },
  IssuerRegistryNotMember: { key: "revert.NotMember", params: ["account"] },
  IssuerRegistryInvalidThreshold: { key: "revert.InvalidThreshold", params: ["threshold", "members"] },
  IssuerRegistryMemberExists: { key: "revert.MemberExists", params: ["account"] },
  IssuerRegistryMemberMissing: { key: "revert.MemberMissing", params: ["account"] },
  IssuerRegistryZeroAddress: { key: "revert.ZeroAddress", params: [] },
  IssuerRegistryIssuerExists: { key: "revert.IssuerExists", params: ["issuer"] },
  IssuerRegistryIssuerMissing: { key: "revert.IssuerMissing", params: ["issuer"] },
  IssuerRegistryInvalidName: { key: "revert.InvalidName", params: [] },
  IssuerRegistryKeyTaken: { key: "revert.KeyTaken", params: ["key", "issuer"] },
  IssuerRegistryKeyMissing: { key: "revert.KeyMissing", params: ["key"] },
  IssuerRegistryInvalidWindow: { key: "revert.InvalidWindow", params: ["time:validFrom", "time:validUntil"] },
  IssuerRegistryKeyNotAuthorised: { key: "revert.KeyNotAuthorised", params: ["key"] },
  IssuerRegistryBeforeAccreditation: { key: "revert.BeforeAccreditation", params: ["issuer", "time:effectiveFrom", "time:accreditedAt"] },
  IssuerRegistryInvalidStatusChange: { key: "revert.InvalidStatusChange", params: ["issuer", "status:from", "status:to"] },
  CredentialAnchorBatchMissing: { key: "revert.BatchMissing", params: ["issuer", "root"] },
  CredentialAnchorAlreadyRevoked: { key: "revert.AlreadyRevoked", params: ["issuer", "root"] },
  CredentialAnchorNotInBatch: { key: "revert.NotInBatch", params: ["root", "leaf"] },
  CredentialAnchorReasonTooLong: { key: "revert.ReasonTooLong", params: ["length", "maximum"] },
};

function show(kind: string | undefined, value: unknown, language: Language): string {
  if (kind === "time") {
    const iso = new Date(Number(value) * 1000).toISOString();
    return `${formatDate(iso, language)} (${iso})`;
  }
  if (kind === "status") return translateTo(language, `status.${AccreditationStatus[Number(value)] ?? "None"}` as RevertKey);
  return String(value);
}

function explainDecoded(revert: DecodedRevert, language: Language): string {
  if (revert.name === "IssuerRegistryProposalFailed") {
    const inner = revert.inner === undefined ? translateTo(language, "revert.noReason") : explainDecoded(revert.inner, language);
    return translateTo(language, "revert.ProposalFailed", { id: String(revert.args[0]), inner });
  }
  const explained = EXPLAINED[revert.name];
  if (explained === undefined) return translateTo(language, "revert.other", { error: formatRevert(revert) });
  const params = Object.fromEntries(
    explained.params.map((spec, i) => {
      const [kind, name] = spec.includes(":") ? spec.split(":") : [undefined, spec];
      return [name as string, show(kind, revert.args[i], language)];
    }),
  );
  return `${translateTo(language, explained.key, params)} [${revert.name}]`;
}

/**
 * A revert of the registry or the anchor in words a council member can act on, in `language`, with the error's
 * arguments (times as dates, statuses by name) and its name for searching; undefined if the error is not a revert
 * (then the caller lets it through unchanged, e.g. an unreachable chain).
 */
export function explainRevert(error: unknown, language: Language): string | undefined {
  const revert = decodeRevert(error);
  return revert === undefined ? undefined : explainDecoded(revert, language);
}
