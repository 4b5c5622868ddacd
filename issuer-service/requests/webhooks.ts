import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { SecretBox } from "../secrets/SecretBox";
import { SecretBoxError } from "../secrets/SecretBoxError";
import type { Log, ServiceContext } from "../ServiceContext";
import { sendWebhook } from "./sendWebhook";

/**
 * What a webhook announces (docs/REQUESTS.md): a submission arrived, was withdrawn, or its payload was deleted when
 * its request expired. Never the submission itself, which is read through the API.
 */
export type WebhookEvent = "submission.created" | "submission.withdrawn" | "submission.expired";

/** Attempts before a delivery is given up; with the default 2 s base the last is some four minutes after the first. */
export const MAX_WEBHOOK_ATTEMPTS = 8;
/** How far a signature's timestamp may be from the receiver's clock (docs/REQUESTS.md): older deliveries are replays. */
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;
export const SIGNATURE_HEADER = "x-credanchor-signature";
export const DELIVERY_HEADER = "x-credanchor-delivery";

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

/** The signature header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * A receiver's check of a delivery: the signature matches the exact body under the secret (compared in constant time)
 * and its timestamp is within the replay window of `nowSeconds`. A receiver also remembers delivery ids it has taken,
 * so a replay inside the window is refused too.
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, nowSeconds: number): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (match === null) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_REPLAY_WINDOW_SECONDS) return false;
  return timingSafeEqual(Buffer.from(match[2]!, "hex"), Buffer.from(hmac(secret, timestamp, body), "hex"));
}

/**
 * Sets (or replaces) the organisation's endpoint with a fresh secret, returned in clear only now and stored sealed
 * under the service's secrets key (bound to the organisation's row).
 */
export async function setWebhook(db: Db, secrets: SecretBox, organisationId: string, url: string): Promise<{ url: string; secret: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const sealed = secrets.seal(secret, organisationId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("organisation_webhooks").where("organisation_id", "=", organisationId).execute();
    await trx.insertInto("organisation_webhooks").values({ organisation_id: organisationId, url, secret: sealed, created_at: new Date().toISOString() }).execute();
  });
  return { url, secret };
}

/**
 * Run at start: seals under the current key every webhook secret stored in clear (by a version before secrets were
 * sealed) or under the previous key of a rotation. Each row is changed only if it still holds what was read, so
 * instances starting together seal it once. Without a key nothing can be sealed: the clear ones are counted in the log.
 */
export async function resealWebhookSecrets(db: Db, secrets: SecretBox | undefined, log: Log): Promise<void> {
  const rows = await db.selectFrom("organisation_webhooks").select(["organisation_id", "secret"]).execute();
  if (secrets === undefined) {
    const clear = rows.filter((row) => !SecretBox.isSealed(row.secret)).length;
    if (clear > 0) log({ level: "warn", event: "webhook.secretsInClear", count: clear, hint: "set ISSUER_SECRETS_KEY_FILE to seal them" });
    return;
  }
  let resealed = 0;
  for (const row of rows.filter((candidate) => !secrets.isCurrent(candidate.secret))) {
    let secret: string;
    try {
      secret = SecretBox.isSealed(row.secret) ? secrets.open(row.secret, row.organisation_id) : row.secret;
    } catch (error) {
      // One organisation's unreadable secret must not stop the service: its deliveries fail with this in their log.
      if (!(error instanceof SecretBoxError)) throw error;
      log({ level: "error", event: "webhook.secretUnreadable", organisation: row.organisation_id, code: error.code });
      continue;
    }
    const updated = await db
      .updateTable("organisation_webhooks")
      .set({ secret: secrets.seal(secret, row.organisation_id) })
      .where("organisation_id", "=", row.organisation_id)
      .where("secret", "=", row.secret)
      .executeTakeFirst();
    resealed += Number(updated.numUpdatedRows);
  }
  if (resealed > 0) log({ level: "info", event: "webhook.secretsResealed", count: resealed });
}

export async function getWebhook(db: Db, organisationId: string): Promise<{ url: string; createdAt: string } | null> {
  const row = await db.selectFrom("organisation_webhooks").select(["url", "created_at"]).where("organisation_id", "=", organisationId).executeTakeFirst();
  return row === undefined ? null : { url: row.url, createdAt: row.created_at };
}

export async function deleteWebhook(db: Db, organisationId: string): Promise<void> {
  await db.deleteFrom("organisation_webhooks").where("organisation_id", "=", organisationId).execute();
}

/**
 * Queues the event for the organisation's endpoint, if it has one; the worker sends it. Called inside the
 * transaction of the change it reports, so the two commit or fail together.
 */
export async function enqueueWebhook(db: Db, organisationId: string, event: WebhookEvent, request: { id: string; applicantReference: string }, now = Date.now()): Promise<void> {
  if ((await getWebhook(db, organisationId)) === null) return;
  const id = `dlv_${randomBytes(12).toString("base64url")}`;
  const body = JSON.stringify({ id, type: event, requestId: request.id, applicantReference: request.applicantReference, occurredAt: new Date(now).toISOString() });
  await db.insertInto("webhook_deliveries").values({ id, organisation_id: organisationId, event, request_id: request.id, body, created_at_ms: now, next_attempt_at_ms: now }).execute();
}

export interface DeliveryView {
  id: string;
  event: string;
  requestId: string;
  createdAt: string;
  attempts: number;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** The organisation's delivery log, newest first. */
export async function listDeliveries(db: Db, organisationId: string, limit: number): Promise<DeliveryView[]> {
  const rows = await db.selectFrom("webhook_deliveries").selectAll().where("organisation_id", "=", organisationId).orderBy("created_at_ms", "desc").orderBy("id").limit(limit).execute();
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    requestId: row.request_id,
    createdAt: new Date(row.created_at_ms).toISOString(),
    attempts: row.attempts,
    deliveredAt: iso(row.delivered_at_ms),
    nextAttemptAt: iso(row.next_attempt_at_ms),
    lastStatus: row.last_status,
    lastError: row.last_error,
  }));
}

/**
 * Sends the deliveries that are due (the worker calls this every tick), signed with the organisation's secret opened
 * for the attempt. Each is claimed first by moving its next
 * attempt past the request timeout, so two instances never send it at once. A 2xx answer delivers it; anything else
 * is retried after base × 2^attempts, until MAX_WEBHOOK_ATTEMPTS.
 */
export async function deliverWebhooks(ctx: ServiceContext, now = Date.now()): Promise<void> {
  const { db, secrets } = ctx;
  // Without the secrets key no delivery can be signed: they wait in the database until the service has it.
  if (secrets === undefined) return;
  const timeoutMs = 5000;
  const due = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("organisation_webhooks", "organisation_webhooks.organisation_id", "webhook_deliveries.organisation_id")
    .select(["webhook_deliveries.id", "webhook_deliveries.organisation_id", "webhook_deliveries.body", "webhook_deliveries.attempts", "webhook_deliveries.next_attempt_at_ms", "organisation_webhooks.url", "organisation_webhooks.secret"])
    .where("webhook_deliveries.next_attempt_at_ms", "<=", now)
    .orderBy("webhook_deliveries.next_attempt_at_ms")
    .limit(20)
    .execute();
  for (const delivery of due) {
    const claimed = await db
      .updateTable("webhook_deliveries")
      .set({ next_attempt_at_ms: now + timeoutMs * 2 })
      .where("id", "=", delivery.id)
      .where("next_attempt_at_ms", "=", delivery.next_attempt_at_ms)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const headers = { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(secrets.open(delivery.secret, delivery.organisation_id), Math.floor(Date.now() / 1000), delivery.body), [DELIVERY_HEADER]: delivery.id };
      // Checked again at every attempt (the name may resolve to an internal address by now) and sent to that address.
      status = await sendWebhook(delivery.url, headers, delivery.body, { allowInternal: ctx.config.webhookAllowInternal, timeoutMs });
    } catch (failure) {
      error = ctx.describeError(failure);
    }
    const attempts = delivery.attempts + 1;
    const delivered = status !== null && status >= 200 && status < 300;
    const retry = !delivered && attempts < MAX_WEBHOOK_ATTEMPTS ? Date.now() + ctx.config.webhookRetryBaseMs * 2 ** (attempts - 1) : null;
    await db
      .updateTable("webhook_deliveries")
      .set({ attempts, last_status: status, last_error: error, delivered_at_ms: delivered ? Date.now() : null, next_attempt_at_ms: retry })
      .where("id", "=", delivery.id)
      .execute();
  }
}
