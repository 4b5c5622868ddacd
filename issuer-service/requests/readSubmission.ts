import type { Db } from "../db/openDatabase";
import { GoneError, NotFoundError } from "../errors";
import { getRequest } from "./institutionRequests";

/** What an applicant sent, as the requesting organisation reads it: the disclosed credential documents. */
export interface Submission {
  requestId: string;
  applicantReference: string;
  submittedAt: string;
  /** The credentials as the applicant disclosed them; the organisation verifies each against the chain itself. */
  credentials: unknown[];
}

/**
 * The submission of one of the organisation's requests, while it lasts: another organisation's request is 404 as an
 * unknown one is; a withdrawn submission or an expired request is 410, its payload already deleted.
 */
export async function readSubmission(db: Db, organisationId: string, requestId: string, now = Date.now()): Promise<Submission> {
  const request = await getRequest(db, organisationId, requestId, now);
  if (request.status === "expired") throw new GoneError("REQUEST_EXPIRED");
  if (request.submission === null) throw new NotFoundError("submission");
  if (request.submission.withdrawnAt !== null) throw new GoneError("SUBMISSION_WITHDRAWN");
  const row = await db.selectFrom("request_submissions").select("payload").where("request_id", "=", requestId).executeTakeFirstOrThrow();
  // Expired between the two reads: the sweep got there first.
  if (row.payload === null) throw new GoneError("REQUEST_EXPIRED");
  return { requestId, applicantReference: request.applicantReference, submittedAt: request.submission.submittedAt, credentials: JSON.parse(row.payload) as unknown[] };
}
