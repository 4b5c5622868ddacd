import type { MessageParams } from "../i18n/createTranslator";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { translate } from "../i18n/translate";
import type { CheckCode, CheckName, CheckResult, CheckStatus } from "../VerificationReport";

/** Builds one check of the report, with its message in every language from the catalogue key `check.<CHECK>.<CODE>`. */
export function checkResult<C extends CheckName>(
  check: C,
  status: CheckStatus,
  code: CheckCode<C>,
  params: MessageParams = {},
  data?: Record<string, unknown>,
): CheckResult {
  const message = translate(`check.${check}.${code}` as ProtocolMessageKey, params);
  return data === undefined ? { check, status, code, message } : { check, status, code, message, data };
}

export function skipped<C extends CheckName>(check: C): CheckResult {
  return checkResult(check, "SKIPPED", "SKIPPED" as CheckCode<C>);
}

/** A chain read that failed: the check is undecided (ERROR), never VALID. */
export function unreachable<C extends "ANCHOR" | "ISSUER" | "STATUS">(check: C, cause: unknown): CheckResult {
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return checkResult(check, "ERROR", "CHAIN_UNREACHABLE" as CheckCode<C>, {}, { error: reason.slice(0, 300) });
}

export function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}
