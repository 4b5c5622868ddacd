import { checkDisclosureRules, disclose, kindOf, type AnyCredential } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { getAccountCredential } from "../portal/accountCredentials";
import { hideChoices } from "../portal/hideChoices";
import type { ServiceContext } from "../ServiceContext";
import { findRequest, type InstitutionRequest } from "./institutionRequests";
import { RequestError } from "./RequestError";
import type { Hideable } from "./RequestInput";
import { enqueueWebhook } from "./webhooks";

/** The graduate's own view of their answer to a request. */
export interface AccountSubmission {
  submittedAt: string;
  withdrawnAt: string | null;
  credentials: number;
  /** What the graduate hid (the choice, for their page); the documents themselves are the organisation's to read. */
  hidden: Hideable[];
}

/**
 * The request behind a link, for a signed-in graduate: marks it opened the first time. A request another account
 * has answered is not found for this one, so one graduate never learns of another's submission.
 */
export async function openRequest(db: Db, accountId: string, requestId: string, now = Date.now()): Promise<{ request: InstitutionRequest; submission: AccountSubmission | null }> {
  const row = await db.selectFrom("request_submissions").selectAll().where("request_id", "=", requestId).executeTakeFirst();
  if (row !== undefined && row.account_id !== accountId) throw new RequestError("REQUEST_NOT_FOUND");
  await db.updateTable("requests").set({ opened_at_ms: now }).where("id", "=", requestId).where("opened_at_ms", "is", null).execute();
  const request = await findRequest(db, requestId, now);
  if (request === undefined) throw new RequestError("REQUEST_NOT_FOUND");
  return { request, submission: row === undefined ? null : await accountSubmission(db, requestId) };
}

async function accountSubmission(db: Db, requestId: string): Promise<AccountSubmission> {
  const row = await db.selectFrom("request_submissions").select(["submitted_at_ms", "withdrawn_at_ms", "credentials", "hidden"]).where("request_id", "=", requestId).executeTakeFirstOrThrow();
  return {
    submittedAt: new Date(row.submitted_at_ms).toISOString(),
    withdrawnAt: row.withdrawn_at_ms === null ? null : new Date(row.withdrawn_at_ms).toISOString(),
    credentials: row.credentials,
    hidden: JSON.parse(row.hidden) as Hideable[],
  };
}

/** Whether a credential is of a kind, and from the university, the request asks for. */
export function asksFor(request: InstitutionRequest, universityId: string, credential: AnyCredential): boolean {
  return request.kinds.includes(kindOf(credential)) && (request.university === null || request.university === universityId);
}

/**
 * Answers a request with the account's chosen credentials, each disclosed with what the graduate hid (within what the
 * request accepts, under each kind's own rules). Only the disclosed documents are stored: the hidden claims' values
 * and salts never reach the organisation, nor stay in the service beyond the account's own credentials.
 */
export async function submitToRequest(ctx: ServiceContext, accountId: string, requestId: string, choice: { credentialIds: readonly string[]; hide: readonly Hideable[] }, now = Date.now()): Promise<AccountSubmission> {
  const { request, submission } = await openRequest(ctx.db, accountId, requestId, now);
  if (request.status === "expired") throw new RequestError("REQUEST_EXPIRED");
  if (submission !== null) throw new RequestError("REQUEST_ANSWERED");
  const ids = [...new Set(choice.credentialIds)];
  if (ids.length === 0) throw new RequestError("NOTHING_CHOSEN");
  if (!choice.hide.every((field) => request.acceptsHidden.includes(field))) throw new RequestError("HIDDEN_NOT_ACCEPTED");
  const documents: AnyCredential[] = [];
  for (const id of ids) {
    const held = await getAccountCredential(ctx, accountId, id);
    if (!asksFor(request, held.universityId, held.credential)) throw new RequestError("CREDENTIAL_NOT_ASKED");
    // The portal's hide choices of this credential; one choice serves every credential of a submission, so what a
    // credential does not offer is left out (core's disclose widens a transcript section's pointer to the section).
    const choices = hideChoices(held.credential);
    const disclosed = disclose(held.credential, choice.hide.flatMap((field) => choices.get(field) ?? []));
    checkDisclosureRules(disclosed);
    documents.push(disclosed);
  }
  // The submission and the webhook delivery announcing it commit together: neither exists without the other.
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("request_submissions")
      .values({ request_id: requestId, account_id: accountId, payload: JSON.stringify(documents), credentials: documents.length, hidden: JSON.stringify([...new Set(choice.hide)]), submitted_at_ms: now, withdrawn_at_ms: null })
      .onConflict((conflict) => conflict.column("request_id").doNothing())
      .executeTakeFirst();
    // Two tabs sending at once: the first wins, the second is told the request is answered.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new RequestError("REQUEST_ANSWERED");
    await enqueueWebhook(trx, request.organisation.id, "submission.created", request, now);
  });
  return accountSubmission(ctx.db, requestId);
}

/**
 * Withdraws the account's answer before the request closes: its payload is deleted at once, for good, in the same
 * transaction as the webhook delivery announcing it.
 */
export async function withdrawSubmission(db: Db, accountId: string, requestId: string, now = Date.now()): Promise<AccountSubmission> {
  const { request, submission } = await openRequest(db, accountId, requestId, now);
  if (submission === null) throw new RequestError("REQUEST_NOT_FOUND");
  if (request.status === "expired") throw new RequestError("REQUEST_EXPIRED");
  if (submission.withdrawnAt !== null) throw new RequestError("ALREADY_WITHDRAWN");
  await db.transaction().execute(async (trx) => {
    const withdrawn = await trx.updateTable("request_submissions").set({ payload: null, withdrawn_at_ms: now }).where("request_id", "=", requestId).where("withdrawn_at_ms", "is", null).executeTakeFirst();
    // Withdrawn meanwhile from another tab: announced once, by that one.
    if (Number(withdrawn.numUpdatedRows) === 0) throw new RequestError("ALREADY_WITHDRAWN");
    await enqueueWebhook(trx, request.organisation.id, "submission.withdrawn", request, now);
  });
  return accountSubmission(db, requestId);
}

/**
 * Deletes the payloads of requests that have expired (the worker calls this every tick) and, in the same
 * transaction, queues a `submission.expired` delivery for each; returns how many. The update returns only the rows
 * it changed, so instances sweeping at once announce each expiry once.
 */
export async function purgeExpiredSubmissions(db: Db, now = Date.now()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const purged = await trx
      .updateTable("request_submissions")
      .set({ payload: null })
      .where("payload", "is not", null)
      .where("request_id", "in", trx.selectFrom("requests").select("id").where("expires_at_ms", "<=", now))
      .returning("request_id")
      .execute();
    if (purged.length === 0) return 0;
    const requests = await trx.selectFrom("requests").select(["id", "organisation_id", "applicant_reference"]).where("id", "in", purged.map((row) => row.request_id)).execute();
    for (const request of requests) await enqueueWebhook(trx, request.organisation_id, "submission.expired", { id: request.id, applicantReference: request.applicant_reference }, now);
    return purged.length;
  });
}
