import { BaseError, type MessageParams } from "@credanchor/core/protocol";

/**
 * What can go wrong for a graduate in the portal. Each code has a page text in both languages
 * (`portal.error.<CODE>`) and one HTTP status (portalRoutes' error handler); none of them changes anything.
 */
export type PortalErrorCode =
  | "PROVIDER_UNKNOWN"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_REFUSED"
  | "SIGN_IN_EXPIRED"
  | "SIGN_IN_TAMPERED"
  | "SIGN_IN_FAILED"
  | "ACCOUNT_DEACTIVATED"
  | "CSRF_REJECTED"
  | "CLAIM_CODE_INVALID"
  | "CLAIM_CODE_USED"
  | "CLAIM_CODE_EXPIRED"
  | "CLAIM_REVOKED"
  | "CLAIM_RATE_LIMITED"
  | "SHARE_UNAVAILABLE"
  | "INVALID_FORM"
  | "NOT_FOUND";

export class PortalError extends BaseError<PortalErrorCode> {
  override name = "PortalError";
  constructor(code: PortalErrorCode, options: { params?: MessageParams; cause?: unknown } = {}) {
    super(`portal: ${code}`, { code, ...options });
  }
}
