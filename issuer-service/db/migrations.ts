import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * The schema, written once for both engines with Kysely's schema builder and applied by its Migrator (which takes a
 * lock, so instances starting together migrate once). Only what SQL cannot say the same way in both is chosen per
 * engine: an auto-incrementing key, the binary column type, and the triggers that keep the audit log append-only.
 * A migration is never edited once released; changes come as a new name, in order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was, not today's types
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;
const binary = (db: AnyDb) => (isPostgres(db) ? "bytea" : "blob");

/** An integer primary key the database numbers itself, in insertion order. */
function sequenceKey(db: AnyDb) {
  return <C extends { primaryKey(): C; autoIncrement(): C; generatedByDefaultAsIdentity(): C }>(column: C): C =>
    isPostgres(db) ? column.generatedByDefaultAsIdentity().primaryKey() : column.primaryKey().autoIncrement();
}

async function refuseAuditChanges(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    // Row triggers do not see TRUNCATE.
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
}

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("universities")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("university_id", "text", (c) => c.notNull().references("universities.id"))
      .addColumn("key_hash", binary(db), (c) => c.notNull())
      .addColumn("roles", "text", (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createTable("batches")
      .addColumn("seq", "integer", sequenceKey(db))
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("university_id", "text", (c) => c.notNull().references("universities.id"))
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("supersedes", "text")
      .addColumn("root", "text", (c) => c.unique())
      .addColumn("signer", "text")
      .addColumn("signature", "text")
      .addColumn("manifest_cid", "text")
      .addColumn("nonce", "integer")
      .addColumn("raw_tx", "text")
      .addColumn("tx_hash", "text")
      .addColumn("block_number", "integer")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .addColumn("next_attempt_at", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("failure", "text")
      .addColumn("revoked_at", "text")
      .addColumn("revocation_reason", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("signed_at_ms", "bigint")
      .addColumn("confirmed_at_ms", "bigint")
      .addColumn("published_at", "text")
      .addCheckConstraint(
        "batches_state",
        sql`state IN ('received','validated','built','signed','anchoring','confirmed','published','failed')`,
      )
      .execute();
    await db.schema.createIndex("batches_by_university").on("batches").columns(["university_id", "seq"]).execute();
    await db.schema.createIndex("batches_by_state").on("batches").columns(["state", "next_attempt_at"]).execute();
    await db.schema
      .createTable("batch_rows")
      .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id"))
      .addColumn("chunk", "integer", (c) => c.notNull())
      .addColumn("records", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("batch_rows_pk", ["batch_id", "chunk"])
      .execute();
    await db.schema
      .createTable("credentials")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id"))
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("student_id", "text", (c) => c.notNull())
      .addColumn("leaf", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .addColumn("document", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .addColumn("revocation_reason", "text")
      .addColumn("superseded_by", "text")
      .execute();
    await db.schema.createIndex("credentials_by_batch").on("credentials").columns(["batch_id", "position"]).execute();
    await db.schema
      .createTable("content")
      .addColumn("cid", "text", (c) => c.primaryKey())
      .addColumn("bytes", binary(db), (c) => c.notNull())
      .addColumn("uploaded", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_error", "text")
      .execute();
    await db.schema
      .createTable("idempotency_keys")
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("body_hash", "text")
      .addColumn("batch_id", "text")
      .addColumn("claimed_at_ms", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pk", ["university_id", "key"])
      .execute();
    await db.schema
      .createTable("audit_log")
      .addColumn("id", "integer", sequenceKey(db))
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("university_id", "text")
      .addColumn("key_id", "text")
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target", "text")
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .execute();
    await refuseAuditChanges(db);
  },
};

/**
 * Encrypted share links. `payload` is NULL once the share expired and the worker purged it; the row stays so the
 * link answers "expired" rather than "unknown". Only a hash of the withdraw token is kept, so a copy of the database
 * cannot withdraw.
 */
const shares: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("shares")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("payload", binary(db))
      .addColumn("withdraw_hash", binary(db), (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("expires_at_ms", "bigint", (c) => c.notNull())
      .addColumn("withdrawn_at_ms", "bigint")
      .addColumn("opens", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("shares_by_expiry").on("shares").column("expires_at_ms").where(sql.ref("payload"), "is not", null).execute();
  },
};

/**
 * Every anchoring transaction signed for a batch. The original and each fee-bumped replacement share one nonce and
 * any one of them may be the one mined: when a send is refused because the nonce is used, the worker looks up the
 * receipts of all of them. Kept, never deleted, so the batch's history shows every transaction that could have
 * anchored its root.
 */
const anchorTransactions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("anchor_transactions")
      .addColumn("hash", "text", (c) => c.primaryKey())
      .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id"))
      .addColumn("nonce", "integer", (c) => c.notNull())
      .addColumn("raw_tx", "text", (c) => c.notNull())
      .addColumn("signed_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("anchor_transactions_by_batch").on("anchor_transactions").columns(["batch_id", "nonce"]).execute();
  },
};

/**
 * What several instances on one database share instead of process memory: leases (the one anchoring worker, one
 * sender per signing key) and rate-limit counters.
 */
const sharedCoordination: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("leases")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("expires_at_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("rate_limits")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("hits", "integer", (c) => c.notNull())
      .addColumn("reset_at_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("rate_limits_by_reset").on("rate_limits").column("reset_at_ms").execute();
  },
};

/**
 * The credential lifecycle (docs/ISSUER-SERVICE.md): one holding per (university, student id, kind) with its state,
 * its current credential and the batch that will replace it; each credential's lineage (`supersedes`) and the names
 * the console searches; each batch's label, source and mode. Existing published credentials become holdings (the
 * latest per student, revoked ones stay revoked).
 */
const credentialLifecycle: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("holdings")
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("student_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("credential_id", "text")
      .addColumn("pending_batch_id", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("holdings_pk", ["university_id", "student_id", "kind"])
      .addCheckConstraint("holdings_state", sql`state IN ('issuing','valid','correcting','revoking','revoked','reissuing')`)
      .execute();
    await db.schema.createIndex("holdings_by_pending_batch").on("holdings").column("pending_batch_id").execute();
    await db.schema.createIndex("holdings_by_credential").on("holdings").column("credential_id").execute();
    await db.schema.alterTable("credentials").addColumn("kind", "text", (c) => c.notNull().defaultTo("degree")).execute();
    await db.schema.alterTable("credentials").addColumn("name_en", "text").execute();
    await db.schema.alterTable("credentials").addColumn("name_zh", "text").execute();
    await db.schema.alterTable("credentials").addColumn("supersedes", "text").execute();
    await db.schema.createIndex("credentials_by_student").on("credentials").columns(["university_id", "student_id"]).execute();
    await db.schema.alterTable("batches").addColumn("label", "text").execute();
    await db.schema.alterTable("batches").addColumn("source", "text", (c) => c.notNull().defaultTo("api")).execute();
    await db.schema.alterTable("batches").addColumn("mode", "text", (c) => c.notNull().defaultTo("issue")).execute();
    const field = (name: string) => (isPostgres(db) ? sql`(record::json ->> ${name})` : sql`json_extract(record, ${`$.${name}`})`);
    await db.updateTable("credentials").set({ name_en: field("nameEn"), name_zh: field("nameZh") }).execute();
    await sql`INSERT INTO holdings (university_id, student_id, kind, state, credential_id, pending_batch_id, updated_at)
      SELECT c.university_id, c.student_id, 'degree', CASE WHEN c.revoked_at IS NULL THEN 'valid' ELSE 'revoked' END, c.id, NULL, ${new Date().toISOString()}
      FROM credentials c JOIN batches b ON b.id = c.batch_id
      WHERE b.state = 'published' AND c.superseded_by IS NULL
      ON CONFLICT DO NOTHING`.execute(db);
  },
};

/**
 * Where the worker stands in following the chain (the consortium council's revocations): the next block to read
 * and the hash of the last one read, so a restart resumes there and a reorganisation is noticed. Also the index the
 * worker's scan of abandoned revocations (holdings by state and age) needs on every tick.
 */
const chainCursors: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("chain_cursors")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("next_block", "bigint", (c) => c.notNull())
      .addColumn("block_hash", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("holdings_by_state").on("holdings").columns(["state", "updated_at"]).execute();
  },
};

/**
 * The graduate portal (docs/PORTAL.md): accounts keyed by (provider, subject); server sessions and pending sign-ins
 * known only by the hash of their cookie; one-time claim codes known only by their hash; what each account holds
 * (a holding, so a reissued credential stays with its graduate); and which share links an account created.
 */
const graduatePortal: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("portal_accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("deactivated_at", "text")
      .addUniqueConstraint("portal_accounts_by_subject", ["provider", "subject"])
      .execute();
    await db.schema
      .createTable("portal_sessions")
      .addColumn("token_hash", binary(db), (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("portal_accounts.id"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("seen_at_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("portal_sessions_by_account").on("portal_sessions").column("account_id").execute();
    await db.schema
      .createTable("portal_logins")
      .addColumn("token_hash", binary(db), (c) => c.primaryKey())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("code_verifier", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("claim_codes")
      .addColumn("code_hash", binary(db), (c) => c.primaryKey())
      .addColumn("batch_id", "text", (c) => c.notNull().references("batches.id"))
      .addColumn("credential_id", "text", (c) => c.notNull())
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("student_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("expires_at_ms", "bigint", (c) => c.notNull())
      .addColumn("used_at_ms", "bigint")
      .addColumn("used_by", "text")
      .execute();
    await db.schema.createIndex("claim_codes_by_batch").on("claim_codes").column("batch_id").execute();
    await db.schema
      .createTable("portal_bindings")
      .addColumn("account_id", "text", (c) => c.notNull().references("portal_accounts.id"))
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("student_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("bound_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("portal_bindings_pk", ["account_id", "university_id", "student_id", "kind"])
      .execute();
    await db.schema
      .createTable("portal_shares")
      .addColumn("share_id", "text", (c) => c.primaryKey().references("shares.id"))
      .addColumn("account_id", "text", (c) => c.notNull().references("portal_accounts.id"))
      .addColumn("credential_id", "text", (c) => c.notNull())
      .addColumn("hidden", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("portal_shares_by_account").on("portal_shares").column("account_id").execute();
  },
};

/**
 * Identity match (docs/PORTAL.md): a university's graduates' identity-document numbers, each kept only as an HMAC
 * under the service's secret key, by (university, student id); looked up by hash when a graduate signs in with a
 * provider that releases the number.
 */
const identityHashes: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("identity_hashes")
      .addColumn("university_id", "text", (c) => c.notNull())
      .addColumn("student_id", "text", (c) => c.notNull())
      .addColumn("hash", binary(db), (c) => c.notNull())
      .addColumn("recorded_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("identity_hashes_pk", ["university_id", "student_id"])
      .execute();
    await db.schema.createIndex("identity_hashes_by_hash").on("identity_hashes").column("hash").execute();
  },
};

/**
 * Institution requests (docs/REQUESTS.md): verifying organisations with the display name verified when they joined,
 * their API keys (known only by hash), and the requests each sends to applicants. A request's `id` is the
 * unguessable part of its link; `seq` orders an organisation's requests for keyset paging.
 */
const institutionRequests: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("organisations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("name_zh", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("organisation_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
      .addColumn("key_hash", binary(db), (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createTable("requests")
      .addColumn("seq", "integer", sequenceKey(db))
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("kinds", "text", (c) => c.notNull())
      .addColumn("university_id", "text")
      .addColumn("accepts_hidden", "text", (c) => c.notNull())
      .addColumn("applicant_reference", "text", (c) => c.notNull())
      .addColumn("claimed", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at_ms", "bigint", (c) => c.notNull())
      .addColumn("opened_at_ms", "bigint")
      .execute();
    await db.schema.createIndex("requests_by_organisation").on("requests").columns(["organisation_id", "seq"]).execute();
  },
};

/**
 * Every attempt to open a share link, with its time and what it got (the ciphertext, or refused as withdrawn or
 * expired), for the holder's access history (docs/PORTAL.md). Nothing about who opened it: no address, no agent.
 */
const shareOpens: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("share_opens")
      .addColumn("share_id", "text", (c) => c.notNull().references("shares.id"))
      .addColumn("opened_at_ms", "bigint", (c) => c.notNull())
      .addColumn("result", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("share_opens_by_share").on("share_opens").columns(["share_id", "opened_at_ms"]).execute();
  },
};

/**
 * Credential kinds (SPEC §12): each batch is of one kind (`award`, `transcript` or `letter`) and keeps what its kind
 * is issued with besides its rows (`kind_input`: a transcript batch's grading scale CID and hideable sections, a
 * letter batch's template), so the worker and later reissues build its credentials again. The lifecycle's kind
 * `degree`, the one kind before, is named `award` as SPEC names it, in every table that keys by kind.
 */
const credentialKinds: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable("batches").addColumn("kind", "text", (c) => c.notNull().defaultTo("award")).execute();
    await db.schema.alterTable("batches").addColumn("kind_input", "text").execute();
    for (const table of ["credentials", "holdings", "claim_codes", "portal_bindings"]) {
      await db.updateTable(table).set({ kind: "award" }).where("kind", "=", "degree").execute();
    }
    await db.schema.createIndex("batches_by_kind").on("batches").columns(["university_id", "kind", "seq"]).execute();
    await db.schema.createIndex("credentials_by_kind").on("credentials").columns(["university_id", "kind"]).execute();
  },
};

/**
 * Graduates' answers to requests (docs/REQUESTS.md): at most one per request, from one account. `payload` holds only
 * what the graduate disclosed (a JSON array of credential documents) and becomes NULL for good when the graduate
 * withdraws or the request expires; the row stays so the status stays known.
 */
const requestSubmissions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("request_submissions")
      .addColumn("request_id", "text", (c) => c.primaryKey().references("requests.id"))
      .addColumn("account_id", "text", (c) => c.notNull().references("portal_accounts.id"))
      .addColumn("payload", "text")
      .addColumn("credentials", "integer", (c) => c.notNull())
      .addColumn("hidden", "text", (c) => c.notNull())
      .addColumn("submitted_at_ms", "bigint", (c) => c.notNull())
      .addColumn("withdrawn_at_ms", "bigint")
      .execute();
    await db.schema.createIndex("request_submissions_by_account").on("request_submissions").column("account_id").execute();
    await db.schema.createIndex("requests_by_expiry").on("requests").column("expires_at_ms").execute();
  },
};

/**
 * Webhooks of verifying organisations (docs/REQUESTS.md): one endpoint and signing secret per organisation, and a
 * durable outbox of deliveries the worker sends and retries with exponential backoff; the rows are the delivery log.
 */
const organisationWebhooks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("organisation_webhooks")
      .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("secret", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("request_id", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_at_ms", "bigint")
      .addColumn("delivered_at_ms", "bigint")
      .addColumn("last_status", "integer")
      .addColumn("last_error", "text")
      .execute();
    await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").column("next_attempt_at_ms").execute();
    await db.schema.createIndex("webhook_deliveries_by_organisation").on("webhook_deliveries").columns(["organisation_id", "created_at_ms"]).execute();
  },
};

/**
 * Organisation sign-in (docs/REQUESTS.md "Signing in"): the identities an operator registered as reviewers of an
 * organisation, keyed by (provider, subject) as the provider asserts them, and the reviewers' sessions, known by the
 * SHA-256 of the cookie value and kept apart from graduates' sessions. A sign-in under way now names the realm it
 * belongs to (`portal` or `inbox`), so one started for the portal can never finish as a reviewer's, or the reverse.
 */
const organisationSignIn: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("organisation_reviewers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("organisation_reviewers_identity", ["provider", "subject"])
      .execute();
    await db.schema
      .createTable("organisation_sessions")
      .addColumn("token_hash", binary(db), (c) => c.primaryKey())
      .addColumn("reviewer_id", "text", (c) => c.notNull().references("organisation_reviewers.id"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at_ms", "bigint", (c) => c.notNull())
      .addColumn("seen_at_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("organisation_sessions_by_reviewer").on("organisation_sessions").column("reviewer_id").execute();
    await db.schema.alterTable("portal_logins").addColumn("realm", "text", (c) => c.notNull().defaultTo("portal")).execute();
  },
};

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_universities_keys_batches_credentials_content_idempotency_audit": initial,
  "0002_encrypted_share_links": shares,
  "0003_anchor_transactions": anchorTransactions,
  "0004_leases_and_rate_limits": sharedCoordination,
  "0005_credential_lifecycle": credentialLifecycle,
  "0006_chain_cursors_and_holdings_by_state": chainCursors,
  "0007_graduate_portal": graduatePortal,
  "0008_identity_hashes": identityHashes,
  "0009_institution_requests": institutionRequests,
  "0010_share_opens": shareOpens,
  "0011_credential_kinds": credentialKinds,
  "0012_request_submissions": requestSubmissions,
  "0013_organisation_webhooks": organisationWebhooks,
  "0014_organisation_sign_in": organisationSignIn,
};
