import { REVOCATION_REASON_NAMES, type RevocationReasonName } from "./chain/ChainReader";
import type { LocalisedText } from "./i18n/Language";
import { localisedDate } from "./i18n/localisedDate";
import type { ProtocolMessageKey } from "./i18n/protocolCatalogues";
import { translate } from "./i18n/translate";
import type { InputKind } from "./recogniseInput";
import type { CheckResult, VerificationReport } from "./VerificationReport";

/** Codes that say the same thing to a reader share one sentence. */
const SENTENCE_OF: Record<string, ProtocolMessageKey> = {
  CHAIN_UNREACHABLE: "headline.CHAIN_UNREACHABLE",
  FORMAT_UNREADABLE: "headline.FORMAT_UNREADABLE",
  FORMAT_INVALID_JSON: "headline.input.notJson",
  ANCHOR_NOT_FOUND: "headline.ANCHOR_NOT_FOUND",
  ANCHOR_WRONG_CHAIN: "headline.ANCHOR_OTHER_NETWORK",
  ANCHOR_WRONG_CONTRACT: "headline.ANCHOR_OTHER_CONTRACT",
  ANCHOR_ISSUER_MISMATCH: "headline.ANCHOR_MISMATCH",
  ANCHOR_SIGNER_MISMATCH: "headline.ANCHOR_MISMATCH",
  ANCHOR_COUNT_MISMATCH: "headline.ANCHOR_MISMATCH",
  ANCHOR_NOT_YET: "headline.ANCHOR_NOT_YET",
  ISSUER_UNKNOWN: "headline.ISSUER_UNKNOWN",
  ISSUER_NOT_ACCREDITED: "headline.ISSUER_NOT_ACCREDITED",
  ISSUER_KEY_NOT_AUTHORISED: "headline.ISSUER_KEY_NOT_AUTHORISED",
  ISSUER_NAME_MISMATCH: "headline.ISSUER_NAME",
  ISSUER_URL_MISMATCH: "headline.ISSUER_NAME",
};

/** Why a credential was revoked, in words: its reason code, or the issuer's own text when it gave no code. */
function revocationReason(data: Record<string, unknown>): LocalisedText | string {
  const code = String(data.reasonCode);
  const text = typeof data.reason === "string" ? data.reason.trim() : "";
  if (code !== "Unspecified" && (REVOCATION_REASON_NAMES as readonly string[]).includes(code)) {
    return translate(`revocationReason.${code as RevocationReasonName}`);
  }
  return text === "" ? translate("revocationReason.Unspecified") : text;
}

/** A headline names the (UTC) day only; the check's own message below it gives the time. */
function dated(key: ProtocolMessageKey, value: unknown, extra: Record<string, LocalisedText | string> = {}): LocalisedText {
  const moment = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  const day = Number.isNaN(moment.getTime()) ? String(value) : moment.toISOString().slice(0, 10);
  return translate(key, { date: localisedDate(day), ...extra });
}

function sentenceFor(check: CheckResult): LocalisedText {
  const data = check.data ?? {};
  switch (check.code) {
    case "STATUS_REVOKED":
    case "STATUS_BATCH_REVOKED":
      return dated(`headline.${check.code}`, data.revokedAt, { reason: revocationReason(data) });
    case "STATUS_SUPERSEDED":
      return dated("headline.STATUS_SUPERSEDED", data.revokedAt);
    case "EXPIRY_EXPIRED":
      return dated("headline.EXPIRY_EXPIRED", data.validUntil);
    case "EXPIRY_NOT_YET_VALID":
      return dated("headline.EXPIRY_NOT_YET_VALID", data.validFrom);
  }
  const shared = SENTENCE_OF[check.code];
  if (shared !== undefined) return translate(shared);
  if (check.check === "FORMAT" || check.check === "INTEGRITY" || check.check === "SIGNATURE") return translate(`headline.${check.check}`);
  return translate(`report.${check.status === "ERROR" ? "ERROR" : "INVALID"}`);
}

/**
 * The verdict's cause in one sentence a clerk understands, in every language: "Revoked on 1 December 2026 — issued
 * in error", "Altered after issue — do not rely on the details below", "Could not check: blockchain unreachable".
 * The deciding check is the first INVALID one (checks run in dependency order, so it is the root cause), else the
 * first undecided one. When the text was no credential at all, `kind` (from recogniseInput) names what it is.
 */
export function reportHeadline(report: VerificationReport, kind: InputKind = "credential"): LocalisedText {
  const format = report.checks.find((check) => check.check === "FORMAT");
  if (format?.status === "INVALID" && kind !== "credential") return translate(`headline.input.${kind}`);
  const deciding = report.checks.find((check) => check.status === "INVALID") ?? report.checks.find((check) => check.status === "ERROR");
  if (deciding !== undefined) return sentenceFor(deciding);
  const issuer = report.checks.find((check) => check.check === "ISSUER")?.data;
  const university =
    typeof issuer?.nameEn === "string" && typeof issuer.nameZh === "string"
      ? { en: issuer.nameEn, "zh-Hant": issuer.nameZh }
      : (report.credential?.issuerName ?? { en: report.credential?.issuer ?? "", "zh-Hant": report.credential?.issuer ?? "" });
  return translate("headline.VALID", { university });
}
