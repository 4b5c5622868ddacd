import type { PortalErrorCode } from "./PortalError";

/** The one table of statuses the portal (and the inbox's sign-in, for the sign-in codes) answers its errors with. */
export const PORTAL_ERROR_STATUS: Record<PortalErrorCode, number> = {
  PROVIDER_UNKNOWN: 404,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_REFUSED: 401,
  SIGN_IN_EXPIRED: 400,
  SIGN_IN_TAMPERED: 400,
  SIGN_IN_FAILED: 401,
  ACCOUNT_DEACTIVATED: 403,
  CSRF_REJECTED: 403,
  CLAIM_CODE_INVALID: 400,
  CLAIM_CODE_USED: 409,
  CLAIM_CODE_EXPIRED: 410,
  CLAIM_REVOKED: 409,
  CLAIM_RATE_LIMITED: 429,
  SHARE_UNAVAILABLE: 404,
  INVALID_FORM: 400,
  NOT_FOUND: 404,
};
