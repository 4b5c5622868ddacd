import { REVOCATION_REASON_NAMES, RevocationReason, type RevocationRecord } from "../chain/ChainReader";
import type { CheckResult } from "../VerificationReport";
import type { ChainContext } from "./ChainContext";
import { localisedDate } from "../i18n/localisedDate";
import { checkResult, isoSeconds, unreachable } from "./checkResult";

function revocationData(revocation: RevocationRecord): Record<string, unknown> {
  return {
    reason: revocation.reason,
    reasonCode: REVOCATION_REASON_NAMES[revocation.reasonCode] ?? "Unspecified",
    revokedAt: isoSeconds(revocation.revokedAt),
    revokedBy: revocation.revokedBy,
  };
}

/** A revocation counts from its block time on: checked `--at` an earlier moment, the credential was still good. */
function inForce(revocation: RevocationRecord | null, at: Date): revocation is RevocationRecord {
  return revocation !== null && revocation.revokedAt * 1000 <= at.getTime();
}

/**
 * STATUS: neither the batch nor this credential's leaf was revoked at the moment checked. A credential revoked
 * because a corrected one replaced it is reported as superseded, naming its replacement.
 */
export async function checkStatus(issuerId: string, root: string, leaf: string, chain: ChainContext, at: Date): Promise<CheckResult> {
  try {
    const batchRevocation = await chain.reader.batchRevocation(issuerId, root, chain.block.number);
    if (inForce(batchRevocation, at)) {
      const data = revocationData(batchRevocation);
      return checkResult("STATUS", "INVALID", "STATUS_BATCH_REVOKED", { revokedAt: localisedDate(String(data.revokedAt)), reason: batchRevocation.reason }, data);
    }
    const revocation = await chain.reader.credentialRevocation(issuerId, root, leaf, chain.block.number);
    if (inForce(revocation, at)) {
      const data = revocationData(revocation);
      const params = { revokedAt: localisedDate(String(data.revokedAt)), reason: revocation.reason };
      if (revocation.reasonCode === RevocationReason.Superseded) {
        return checkResult("STATUS", "INVALID", "STATUS_SUPERSEDED", params, { ...data, supersededBy: revocation.reason });
      }
      return checkResult("STATUS", "INVALID", "STATUS_REVOKED", params, data);
    }
    return checkResult("STATUS", "VALID", "OK");
  } catch (error) {
    return unreachable("STATUS", error);
  }
}
