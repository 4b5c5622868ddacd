import type { AnyCredential } from "../kinds/AnyCredential";
import type { CheckResult } from "../VerificationReport";
import { localisedDate } from "../i18n/localisedDate";
import { checkResult } from "./checkResult";

/** EXPIRY: the credential's own validity period contains the moment checked. */
export function checkExpiry(credential: AnyCredential, at: Date): CheckResult {
  const validFrom = credential.validFrom;
  const validUntil = credential.validUntil;
  if (validFrom !== undefined && Date.parse(validFrom) > at.getTime()) {
    return checkResult("EXPIRY", "INVALID", "EXPIRY_NOT_YET_VALID", { validFrom: localisedDate(validFrom) }, { validFrom });
  }
  if (validUntil !== undefined && Date.parse(validUntil) < at.getTime()) {
    return checkResult("EXPIRY", "INVALID", "EXPIRY_EXPIRED", { validUntil: localisedDate(validUntil) }, { validUntil });
  }
  return checkResult("EXPIRY", "VALID", "OK", {}, validUntil === undefined ? { validFrom } : { validFrom, validUntil });
}
