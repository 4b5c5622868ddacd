import { CHECK_NAMES, summariseChecks, type VerificationReport } from "./VerificationReport";
import { checkResult, skipped } from "./verify/checkResult";

/**
 * The report for a file that could not be read at all (missing, a directory, no permission): FORMAT is ERROR with
 * FORMAT_UNREADABLE, not INVALID, because nothing is known about the credential; every other check is SKIPPED. So a
 * verifier given several files reports this one and still verifies the others. `reason` is the system's error code
 * (e.g. `ENOENT`), the same in every language.
 */
export function unreadableReport(reason: string, now: Date = new Date(), at: Date = now): VerificationReport {
  const checks = CHECK_NAMES.map((check) =>
    check === "FORMAT" ? checkResult("FORMAT", "ERROR", "FORMAT_UNREADABLE", { reason }, { reason }) : skipped(check),
  );
  const status = summariseChecks(checks);
  return { valid: false, status, checks, credential: null, chain: null, verifiedAt: now.toISOString(), at: at.toISOString() };
}
