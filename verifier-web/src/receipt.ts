import type { VerifierConfig } from "./config";
import type { VerifiedCredential } from "./verifierClient";

/**
 * A verification receipt: the full report (which already pins chain id, block number and block hash), the
 * deployment and endpoint it was checked against, and the SHA-256 of the exact credential text, so anyone can later
 * re-run the check at that block and see that it concerned that file. It is a record, not a signature.
 */
export function verificationReceipt(verified: VerifiedCredential, config: VerifierConfig): string {
  const { report } = verified;
  return JSON.stringify(
    {
      type: "CredAnchorVerificationReceipt",
      version: 1,
      status: report.status,
      verifiedAt: report.verifiedAt,
      chainId: report.chain?.chainId ?? config.deployment.chainId,
      blockNumber: report.chain?.blockNumber ?? null,
      blockHash: report.chain?.blockHash ?? null,
      deployment: config.deployment,
      rpcUrl: config.rpcUrl,
      credentialSha256: verified.sha256,
      report,
    },
    null,
    2,
  );
}

export function receiptFilename(verified: VerifiedCredential): string {
  const id = verified.report.credential?.id.replace(/^urn:uuid:/, "").replace(/[^\w.-]+/g, "_") ?? "credential";
  return `credanchor-receipt-${id}-${verified.report.verifiedAt.slice(0, 10)}.json`;
}
