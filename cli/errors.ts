import { BaseError, type MessageParams } from "@credanchor/core/protocol";
import type { en } from "./i18n/en";
import { translateTo } from "./i18n/translate";

interface CliErrorOptions {
  params?: MessageParams;
  details?: unknown;
  cause?: unknown;
}

/**
 * Errors of the CLI's own commands. The text of every code is `error.<CODE>` in cli/i18n, filled from `params`;
 * cli/main.ts prints it in --lang and picks the exit code by class.
 */
abstract class CliError<Code extends string> extends BaseError<Code> {
  constructor(code: Code, options: CliErrorOptions = {}) {
    super(translateTo("en", `error.${code}` as keyof typeof en, options.params), { code, ...options });
  }
}

export type UsageErrorCode =
  | "FILE_MISSING"
  | "OUT_NOT_EMPTY"
  | "KEYSTORE_EXISTS"
  | "ADDRESS_INVALID"
  | "REVOKE_TARGET"
  | "BATCH_ROOT_INVALID"
  | "REASON_TOO_LONG"
  | "AT_INVALID"
  | "RECEIPT_ONE_FILE"
  | "CHAIN_UNKNOWN"
  | "ANNOUNCED_INVALID"
  | "CURSOR_INVALID"
  | "DEPLOYMENT_EXISTS"
  | "THRESHOLD_INVALID"
  | "SINCE_MISSING"
  | "NETWORK_OUT_NOT_EMPTY"
  | "KIND_NEEDS"
  | "SCALE_INVALID"
  | "TEMPLATE_INVALID"
  | "HIDEABLE_INVALID";

/** Options or arguments that cannot work together or name nothing usable (exit 2, like commander's own). */
export class UsageError extends CliError<UsageErrorCode> {
  override name = "UsageError";
}

export type InputFileErrorCode = "FILE_TOO_LARGE" | "FILE_NOT_UTF8";

/** A credential file whose bytes cannot be a credential (exit 1, as for any other format problem). */
export class InputFileError extends CliError<InputFileErrorCode> {
  override name = "InputFileError";
}

export type RefusalErrorCode =
  | "ISSUER_KEY_UNKNOWN"
  | "REVOKER_KEY_UNKNOWN"
  | "ISSUER_KEY_NOT_AUTHORISED"
  | "CHAIN_REFUSED"
  | "WRONG_ANCHOR"
  | "UNANNOUNCED_KEY"
  | "MONITOR_ALERT";

/** The chain or the registry says no, or the monitor saw what it watches for (exit 1). */
export class RefusalError extends CliError<RefusalErrorCode> {
  override name = "RefusalError";
}

export type ToolErrorCode = "SHARE_SERVICE_UNREACHABLE" | "SHARE_SERVICE_REFUSED" | "CHROMIUM_UNAVAILABLE" | "QR_TOO_LARGE" | "NETWORK_INVALID" | "HOST_UNRESOLVED";

/** A tool or service the command needs could not do its part (exit 2). */
export class ToolError extends CliError<ToolErrorCode> {
  override name = "ToolError";
}

export type RegistryRefusalErrorCode = "GOVERNANCE_REFUSED" | "KEY_ROTATION_REFUSED";

/**
 * The registry's council rules refused a governance step or a key rotation (already approved, expired, not a
 * member…): like a usage error, the step does not fit the registry's current state (exit 2).
 */
export class RegistryRefusalError extends CliError<RegistryRefusalErrorCode> {
  override name = "RegistryRefusalError";
}

export type CliErrorCode = UsageErrorCode | InputFileErrorCode | RefusalErrorCode | ToolErrorCode | RegistryRefusalErrorCode;
