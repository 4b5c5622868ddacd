/**
 * Numbered schema migrations, applied in order inside one transaction each and recorded in `schema_migrations`.
 * A migration is never edited once released; changes come as a new number.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "universities, keys, batches, credentials, content outbox, idempotency, audit",
    sql: `
      CREATE TABLE universities (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        university_id TEXT NOT NULL REFERENCES universities(id),
        key_hash BLOB NOT NULL,
        roles TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE batches (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        university_id TEXT NOT NULL REFERENCES universities(id),
        state TEXT NOT NULL CHECK (state IN ('received','validated','built','signed','anchoring','confirmed','published','failed')),
        count INTEGER NOT NULL,
        progress INTEGER NOT NULL DEFAULT 0,
        supersedes TEXT,
        root TEXT UNIQUE,
        signer TEXT,
        signature TEXT,
        manifest_cid TEXT,
        nonce INTEGER,
        raw_tx TEXT,
        tx_hash TEXT,
        block_number INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        failure TEXT,
        revoked_at TEXT,
        revocation_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        signed_at_ms INTEGER,
        confirmed_at_ms INTEGER,
        published_at TEXT
      );
      CREATE INDEX batches_by_university ON batches(university_id, seq);
      CREATE INDEX batches_by_state ON batches(state, next_attempt_at);
      CREATE TABLE batch_rows (
        batch_id TEXT NOT NULL REFERENCES batches(id),
        chunk INTEGER NOT NULL,
        records TEXT NOT NULL,
        PRIMARY KEY (batch_id, chunk)
      );
      CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id),
        university_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        student_id TEXT NOT NULL,
        leaf TEXT NOT NULL,
        record TEXT NOT NULL,
        document TEXT NOT NULL,
        revoked_at TEXT,
        revocation_reason TEXT,
        superseded_by TEXT
      );
      CREATE INDEX credentials_by_batch ON credentials(batch_id, position);
      CREATE TABLE content (
        cid TEXT PRIMARY KEY,
        bytes BLOB NOT NULL,
        uploaded INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE TABLE idempotency_keys (
        university_id TEXT NOT NULL,
        key TEXT NOT NULL,
        body_hash TEXT,
        batch_id TEXT,
        claimed_at_ms INTEGER NOT NULL,
        PRIMARY KEY (university_id, key)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        university_id TEXT,
        key_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        result TEXT NOT NULL,
        detail TEXT
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: "encrypted share links",
    // payload is NULL once the share expired and the worker purged it; the row stays so the link answers "expired"
    // rather than "unknown". Only a hash of the withdraw token is kept, so a copy of the database cannot withdraw.
    sql: `
      CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        payload BLOB,
        withdraw_hash BLOB NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        withdrawn_at_ms INTEGER,
        opens INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX shares_by_expiry ON shares(expires_at_ms) WHERE payload IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: "every anchoring transaction signed for a batch",
    // The original and each fee-bumped replacement share one nonce and any one of them may be the one mined: when a
    // send is refused because the nonce is used, the worker looks up the receipts of all of them. Kept, never
    // deleted, so the batch's history shows every transaction that could have anchored its root.
    sql: `
      CREATE TABLE anchor_transactions (
        hash TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches(id),
        nonce INTEGER NOT NULL,
        raw_tx TEXT NOT NULL,
        signed_at TEXT NOT NULL
      );
      CREATE INDEX anchor_transactions_by_batch ON anchor_transactions(batch_id, nonce);
    `,
  },
];
