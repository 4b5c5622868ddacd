import type { Generated, Selectable } from "kysely";
import type { CredentialKind } from "@credanchor/core/protocol";

export const BATCH_STATES = ["received", "validated", "built", "signed", "anchoring", "confirmed", "published", "failed"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** How a batch came to be: new graduates, corrections of live credentials, or a reissue after a revocation. */
export type BatchMode = "issue" | "correction" | "reissueAfterRevocation";

/** The lifecycle states of what a graduate holds (docs/ISSUER-SERVICE.md, domain/transitionHoldings.ts). */
export const HOLDING_STATES = ["issuing", "valid", "correcting", "revoking", "revoked", "reissuing"] as const;
export type HoldingState = (typeof HOLDING_STATES)[number];

/**
 * The service's tables as the query builder sees them. Times meant for people are ISO-8601 text; times the worker
 * compares are epoch milliseconds (`*_ms`, `next_attempt_at`, BIGINT on PostgreSQL, read back as numbers).
 */
export interface UniversitiesTable {
  id: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  university_id: string;
  key_hash: Buffer;
  /** JSON array of roles. */
  roles: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface BatchesTable {
  seq: Generated<number>;
  id: string;
  university_id: string;
  state: BatchState;
  count: number;
  progress: Generated<number>;
  supersedes: string | null;
  root: string | null;
  signer: string | null;
  signature: string | null;
  manifest_cid: string | null;
  nonce: number | null;
  raw_tx: string | null;
  tx_hash: string | null;
  block_number: number | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Generated<number>;
  failure: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
  updated_at: string;
  signed_at_ms: number | null;
  confirmed_at_ms: number | null;
  published_at: string | null;
  /** The cohort label given at upload (or the file name the console sent). */
  label: string | null;
  source: Generated<"api" | "import">;
  mode: Generated<BatchMode>;
  /** The credential kind of every credential in the batch (SPEC §12). */
  kind: Generated<CredentialKind>;
  /** JSON of what the kind is issued with besides its rows (domain/BatchKind.ts); null for awards. */
  kind_input: string | null;
}
export type BatchRow = Selectable<BatchesTable>;

export interface BatchRowsTable {
  batch_id: string;
  chunk: number;
  /** JSON array of up to ROWS_PER_CHUNK input records of the batch's kind. */
  records: string;
}

export interface CredentialsTable {
  id: string;
  batch_id: string;
  university_id: string;
  position: number;
  student_id: string;
  leaf: string;
  record: string;
  document: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  superseded_by: string | null;
  /** Always written: the column's default (`degree`) is the name the kind `award` had before migration 0009. */
  kind: CredentialKind;
  /** Names copied from the record at issue, so the console can search them in either language. */
  name_en: string | null;
  name_zh: string | null;
  /** The credential this one replaced (a correction, or a reissue after revocation): its lineage. */
  supersedes: string | null;
}

/**
 * One per (university, student id, kind): the lifecycle state of what the graduate holds, the current credential
 * (the live one, or the revoked one), and the batch that is about to issue or replace it.
 */
export interface HoldingsTable {
  university_id: string;
  student_id: string;
  kind: string;
  state: HoldingState;
  credential_id: string | null;
  pending_batch_id: string | null;
  updated_at: string;
}

export interface ContentTable {
  cid: string;
  bytes: Buffer;
  uploaded: Generated<number>;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface IdempotencyKeysTable {
  university_id: string;
  key: string;
  body_hash: string | null;
  batch_id: string | null;
  claimed_at_ms: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  university_id: string | null;
  key_id: string | null;
  action: string;
  target: string | null;
  result: string;
  detail: string | null;
}

export interface SharesTable {
  id: string;
  payload: Buffer | null;
  withdraw_hash: Buffer;
  created_at_ms: number;
  expires_at_ms: number;
  withdrawn_at_ms: number | null;
  opens: Generated<number>;
}

export interface ShareOpensTable {
  share_id: string;
  opened_at_ms: number;
  result: "opened" | "withdrawn" | "expired";
}

export interface AnchorTransactionsTable {
  hash: string;
  batch_id: string;
  nonce: number;
  raw_tx: string;
  signed_at: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at_ms: number;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at_ms: number;
}

/** A graduate's portal account: one per (provider, subject); deactivation keeps the row so the subject stays known. */
export interface PortalAccountsTable {
  id: string;
  provider: string;
  subject: string;
  created_at: string;
  deactivated_at: string | null;
}

/** A signed-in session, known by the SHA-256 of its cookie value. */
export interface PortalSessionsTable {
  token_hash: Buffer;
  account_id: string;
  csrf_token: string;
  created_at_ms: number;
  seen_at_ms: number;
}

/** A sign-in under way (between the redirect to the provider and its callback), known by the hash of its cookie. */
export interface PortalLoginsTable {
  token_hash: Buffer;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at_ms: number;
  /** Whose sign-in it is: a graduate's (`portal`) or an organisation reviewer's (`inbox`). */
  realm: Generated<string>;
}

/** A one-time claim code from a registrar's download, known by its hash only. */
export interface ClaimCodesTable {
  code_hash: Buffer;
  batch_id: string;
  credential_id: string;
  university_id: string;
  student_id: string;
  kind: string;
  created_at_ms: number;
  expires_at_ms: number;
  used_at_ms: number | null;
  used_by: string | null;
}

/** What an account holds: a holding (university, student id, kind), so a reissued credential stays with it. */
export interface PortalBindingsTable {
  account_id: string;
  university_id: string;
  student_id: string;
  kind: string;
  method: "claimCode" | "identity" | "studentId";
  bound_at: string;
}

/** A share link an account created from one of its credentials, with the claims it hid (JSON array of pointers). */
export interface PortalSharesTable {
  share_id: string;
  account_id: string;
  credential_id: string;
  hidden: string;
}

/** How far the worker has followed the chain, per thing it follows (worker/followCouncilRevocations.ts). */
export interface ChainCursorsTable {
  name: string;
  next_block: number;
  /** Hash of block `next_block - 1` as it was read; null before anything was read. */
  block_hash: string | null;
  updated_at: string;
}

/** An identity-document number as HMAC-SHA-256 under the service's key (never the number itself). */
export interface IdentityHashesTable {
  university_id: string;
  student_id: string;
  hash: Buffer;
  recorded_at: string;
}

/** A verifying organisation (an admissions office, an employer): its name as verified when it joined the platform. */
export interface OrganisationsTable {
  id: string;
  name_en: string;
  name_zh: string;
  created_at: string;
}

/** An organisation's API key, known by the SHA-256 of the whole key. */
export interface OrganisationKeysTable {
  id: string;
  organisation_id: string;
  key_hash: Buffer;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/** An organisation's request to one applicant (docs/REQUESTS.md). JSON columns: `kinds`, `accepts_hidden`, `claimed`. */
export interface RequestsTable {
  seq: Generated<number>;
  id: string;
  organisation_id: string;
  /** The organisation's own words to the applicant, shown as such. */
  message: string;
  kinds: string;
  /** The one university the credentials must come from; null: any. */
  university_id: string | null;
  accepts_hidden: string;
  applicant_reference: string;
  claimed: string;
  created_at: string;
  expires_at_ms: number;
  opened_at_ms: number | null;
}

/** A graduate's answer to a request: only what they disclosed, deleted (NULL) at withdrawal or the request's expiry. */
export interface RequestSubmissionsTable {
  request_id: string;
  account_id: string;
  /** JSON array of the disclosed credential documents. */
  payload: string | null;
  credentials: number;
  /** JSON array of what the graduate chose to hide (names, not values). */
  hidden: string;
  submitted_at_ms: number;
  withdrawn_at_ms: number | null;
}

/** An organisation's webhook endpoint and the secret its deliveries are signed with (HMAC-SHA256). */
export interface OrganisationWebhooksTable {
  organisation_id: string;
  url: string;
  secret: string;
  created_at: string;
}

/** One webhook delivery: due while `next_attempt_at_ms` is set, done once `delivered_at_ms` is (or given up). */
export interface WebhookDeliveriesTable {
  id: string;
  organisation_id: string;
  event: string;
  request_id: string;
  body: string;
  created_at_ms: number;
  attempts: Generated<number>;
  next_attempt_at_ms: number | null;
  delivered_at_ms: number | null;
  last_status: number | null;
  last_error: string | null;
}

/** An identity an operator registered as a reviewer of one organisation: (provider id, the provider's `sub`). */
export interface OrganisationReviewersTable {
  id: string;
  organisation_id: string;
  provider: string;
  subject: string;
  /** The reviewer's name as the operator registered it (shown in the inbox; not taken from the provider). */
  name: string;
  created_at: string;
}

/** A reviewer's signed-in session in the inbox, known by the SHA-256 of its cookie value. */
export interface OrganisationSessionsTable {
  token_hash: Buffer;
  reviewer_id: string;
  csrf_token: string;
  created_at_ms: number;
  seen_at_ms: number;
}

export interface Database {
  universities: UniversitiesTable;
  api_keys: ApiKeysTable;
  batches: BatchesTable;
  batch_rows: BatchRowsTable;
  credentials: CredentialsTable;
  content: ContentTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  shares: SharesTable;
  anchor_transactions: AnchorTransactionsTable;
  leases: LeasesTable;
  holdings: HoldingsTable;
  rate_limits: RateLimitsTable;
  portal_accounts: PortalAccountsTable;
  portal_sessions: PortalSessionsTable;
  portal_logins: PortalLoginsTable;
  claim_codes: ClaimCodesTable;
  portal_bindings: PortalBindingsTable;
  portal_shares: PortalSharesTable;
  share_opens: ShareOpensTable;
  chain_cursors: ChainCursorsTable;
  identity_hashes: IdentityHashesTable;
  organisations: OrganisationsTable;
  organisation_keys: OrganisationKeysTable;
  requests: RequestsTable;
  request_submissions: RequestSubmissionsTable;
  organisation_webhooks: OrganisationWebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  organisation_reviewers: OrganisationReviewersTable;
  organisation_sessions: OrganisationSessionsTable;
}
