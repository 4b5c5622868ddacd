import type { Deployment } from "@credanchor/core/protocol";
import type { VerifiedCredential } from "./verifiedCredential";

/** The page asks the worker to verify one submission's credentials against the chain at `rpcUrl`. */
export interface VerificationRequest {
  /** The page's number for this ask, unique for the page's life; the answer carries it back. */
  id: number;
  rpcUrl: string;
  deployment: Deployment;
  credentials: unknown[];
}

/**
 * The worker's answer: every credential of the submission verified, in the submission's order; or, when the
 * verifier itself broke (never for a bad credential or an unreachable chain, which are verdicts), why.
 */
export type VerificationResult = { id: number; credentials: VerifiedCredential[] } | { id: number; failure: string };
