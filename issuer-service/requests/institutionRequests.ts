import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { CredentialKind, LocalisedText } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import type { RequestsTable } from "../db/schema";
import { decodeCursor, encodeCursor } from "../domain/keysetCursor";
import { NotFoundError } from "../errors";
import type { Organisation } from "./organisations";
import type { ClaimedDetails, Hideable, RequestInput } from "./RequestInput";
import type { RequestStatus } from "./RequestStatus";


/** A request as its organisation (and, in part, its applicant) sees it. */
export interface InstitutionRequest {
  id: string;
  status: RequestStatus;
  organisation: Organisation;
  /** The organisation's own words, never the platform's: shown to applicants marked as such. */
  message: string;
  kinds: CredentialKind[];
  university: string | null;
  acceptsHidden: Hideable[];
  applicantReference: string;
  claimed: ClaimedDetails;
  createdAt: string;
  expiresAt: string;
  openedAt: string | null;
  /** The applicant's answer, without its content (GET …/submission has that while it lasts). */
  submission: { submittedAt: string; withdrawnAt: string | null; credentials: number } | null;
}

/** The unguessable id of a request: the part of its link that lets the applicant open it. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * 128 random bits in base64url, drawn again when the id would start with "-": a spreadsheet takes such a cell for a
 * formula, so the bulk answer's CSV would have to quote it as `'-…` and admission systems would read another id.
 */
export function newRequestId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

type RequestRow = Selectable<RequestsTable> & {
  name_en: string;
  name_zh: string;
  submitted_at_ms: number | null;
  withdrawn_at_ms: number | null;
  submitted_credentials: number | null;
};

function statusOf(row: RequestRow, now: number): RequestStatus {
  if (now >= row.expires_at_ms) return "expired";
  if (row.withdrawn_at_ms !== null) return "withdrawn";
  if (row.submitted_at_ms !== null) return "submitted";
  return row.opened_at_ms === null ? "sent" : "opened";
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toRequest(row: RequestRow, now: number): InstitutionRequest {
  const name: LocalisedText = { en: row.name_en, "zh-Hant": row.name_zh };
  return {
    id: row.id,
    status: statusOf(row, now),
    organisation: { id: row.organisation_id, name },
    message: row.message,
    kinds: JSON.parse(row.kinds) as CredentialKind[],
    university: row.university_id,
    acceptsHidden: JSON.parse(row.accepts_hidden) as Hideable[],
    applicantReference: row.applicant_reference,
    claimed: JSON.parse(row.claimed) as ClaimedDetails,
    createdAt: row.created_at,
    expiresAt: new Date(row.expires_at_ms).toISOString(),
    openedAt: isoOrNull(row.opened_at_ms),
    submission:
      row.submitted_at_ms === null ? null : { submittedAt: new Date(row.submitted_at_ms).toISOString(), withdrawnAt: isoOrNull(row.withdrawn_at_ms), credentials: row.submitted_credentials ?? 0 },
  };
}

function selectRequests(db: Db) {
  return db
    .selectFrom("requests")
    .innerJoin("organisations", "organisations.id", "requests.organisation_id")
    .leftJoin("request_submissions", "request_submissions.request_id", "requests.id")
    .selectAll("requests")
    .select(["organisations.name_en", "organisations.name_zh", "request_submissions.submitted_at_ms", "request_submissions.withdrawn_at_ms", "request_submissions.credentials as submitted_credentials"]);
}

/** Stores requests of one organisation (one, or a bulk upload's rows together: all or none). */
export async function createRequests(db: Db, organisation: Organisation, inputs: readonly RequestInput[], now = Date.now()): Promise<InstitutionRequest[]> {
  const rows = inputs.map((input) => ({
    id: newRequestId(),
    organisation_id: organisation.id,
    message: input.message,
    kinds: JSON.stringify([...new Set(input.kinds)]),
    university_id: input.university,
    accepts_hidden: JSON.stringify([...new Set(input.acceptsHidden)]),
    applicant_reference: input.applicantReference,
    claimed: JSON.stringify(input.claimed),
    created_at: new Date(now).toISOString(),
    expires_at_ms: now + input.expiresInDays * 86_400_000,
    opened_at_ms: null,
  }));
  if (rows.length > 0) await db.insertInto("requests").values(rows).execute();
  const names = { name_en: organisation.name.en, name_zh: organisation.name["zh-Hant"] };
  return rows.map((row) => toRequest({ ...row, seq: 0, ...names, submitted_at_ms: null, withdrawn_at_ms: null, submitted_credentials: null }, now));
}

/**
 * One request of the organisation. Another organisation's request, an unknown id and nonsense are NOT_FOUND alike,
 * so no organisation learns that another's request exists.
 */
export async function getRequest(db: Db, organisationId: string, id: string, now = Date.now()): Promise<InstitutionRequest> {
  const row = await selectRequests(db).where("requests.id", "=", id).where("requests.organisation_id", "=", organisationId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("request");
  return toRequest(row, now);
}

/** A request by its id alone, whichever organisation sent it: for the applicant who holds its link. */
export async function findRequest(db: Db, id: string, now = Date.now()): Promise<InstitutionRequest | undefined> {
  const row = await selectRequests(db).where("requests.id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toRequest(row, now);
}

export interface RequestPage {
  items: InstitutionRequest[];
  nextCursor: string | null;
}

/** The organisation's requests, newest first, optionally of one status, one page at a time. */
export async function listRequests(
  db: Db,
  organisationId: string,
  options: { limit: number; cursor?: string | undefined; status?: RequestStatus | undefined },
  now = Date.now(),
): Promise<RequestPage> {
  let query = selectRequests(db).where("requests.organisation_id", "=", organisationId);
  if (options.cursor !== undefined) query = query.where("requests.seq", "<", decodeCursor(options.cursor, 1)[0]!);
  if (options.status === "expired") query = query.where("requests.expires_at_ms", "<=", now);
  else if (options.status !== undefined) query = query.where("requests.expires_at_ms", ">", now);
  if (options.status === "sent" || options.status === "opened") query = query.where("request_submissions.submitted_at_ms", "is", null);
  if (options.status === "sent") query = query.where("requests.opened_at_ms", "is", null);
  if (options.status === "opened") query = query.where("requests.opened_at_ms", "is not", null);
  if (options.status === "submitted") query = query.where("request_submissions.submitted_at_ms", "is not", null).where("request_submissions.withdrawn_at_ms", "is", null);
  if (options.status === "withdrawn") query = query.where("request_submissions.withdrawn_at_ms", "is not", null);
  const rows = await query.orderBy("requests.seq", "desc").limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  return { items: page.map((row) => toRequest(row, now)), nextCursor: rows.length > options.limit ? encodeCursor([page.at(-1)!.seq]) : null };
}

/** The requests an account answered, most recently answered first: the graduate's history. */
export async function listAccountRequests(db: Db, accountId: string, now = Date.now()): Promise<InstitutionRequest[]> {
  const rows = await selectRequests(db).where("request_submissions.account_id", "=", accountId).orderBy("request_submissions.submitted_at_ms", "desc").execute();
  return rows.map((row) => toRequest(row, now));
}
