import { sql } from "kysely";
import type { CredentialKind } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { credentialSummary, type CredentialSummary } from "./credentialSummary";
import { credentialState, type CredentialState } from "./credentialState";
import { decodeCursor, encodeCursor } from "./keysetCursor";

export interface CredentialListQuery {
  /** Student id, name in either language or credential id: a case-insensitive substring. */
  q?: string;
  batch?: string;
  kind?: CredentialKind;
  status?: CredentialState;
  limit: number;
  cursor?: string;
}

export interface CredentialListItem extends CredentialSummary {
  id: string;
  batchId: string;
  kind: CredentialKind;
  studentId: string;
  nameEn: string | null;
  nameZh: string | null;
  status: CredentialState;
  issuedAt: string | null;
}

/** LIKE pattern of a literal substring: `%`, `_` and the escape character itself match only themselves. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The university's credentials, newest batch first and in batch order within one, filtered by a search text,
 * a batch, a kind and a state, paged by keyset (no OFFSET: page 1,000 of 50,000 rows costs what page 1 does), with the
 * total that matches.
 */
export async function listCredentials(db: Db, universityId: string, query: CredentialListQuery): Promise<{ items: CredentialListItem[]; nextCursor: string | null; total: number }> {
  const filtered = db
    .selectFrom("credentials as c")
    .innerJoin("batches as b", "b.id", "c.batch_id")
    .where("c.university_id", "=", universityId)
    .$if(query.batch !== undefined, (q) => q.where("c.batch_id", "=", query.batch!))
    .$if(query.kind !== undefined, (q) => q.where("c.kind", "=", query.kind!))
    .$if(query.q !== undefined && query.q !== "", (q) => {
      const pattern = containing(query.q!);
      return q.where((eb) =>
        eb.or(
          (["c.student_id", "c.name_en", "c.name_zh", "c.id"] as const).map((column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`),
        ),
      );
    })
    .$if(query.status !== undefined, (q) => {
      switch (query.status) {
        case "pending":
          return q.where("b.state", "!=", "published");
        case "superseded":
          return q.where("b.state", "=", "published").where("c.superseded_by", "is not", null);
        case "revoked":
          return q.where("b.state", "=", "published").where("c.revoked_at", "is not", null).where("c.superseded_by", "is", null);
        default:
          return q.where("b.state", "=", "published").where("c.revoked_at", "is", null);
      }
    });
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  // The last row's batch sequence and position, so pages stay stable while batches arrive.
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, 2);
  const rows = await filtered
    .select(["c.id", "c.batch_id", "c.student_id", "c.name_en", "c.name_zh", "c.kind", "c.record", "c.document", "c.revoked_at", "c.superseded_by", "c.position", "b.seq", "b.state as batch_state", "b.published_at"])
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb("b.seq", "<", after![0]!), eb.and([eb("b.seq", "=", after![0]!), eb("c.position", ">", after![1]!)])])))
    .orderBy("b.seq", "desc")
    .orderBy("c.position", "asc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      batchId: row.batch_id,
      kind: row.kind,
      studentId: row.student_id,
      nameEn: row.name_en,
      nameZh: row.name_zh,
      ...credentialSummary(row.kind, row.record, () => row.document),
      status: credentialState(row),
      issuedAt: row.published_at,
    })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.seq, last.position]) : null,
    total,
  };
}
