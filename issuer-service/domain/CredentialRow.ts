import type { Selectable } from "kysely";
import type { Db } from "../db/openDatabase";
import type { BatchState, CredentialsTable } from "../db/schema";
import { NotFoundError } from "../errors";

export type CredentialRow = Selectable<CredentialsTable> & { batch_state: BatchState };

/**
 * A credential of the university whose batch is published. Another university's credential and one whose batch is
 * not yet confirmed on chain are both "not found": a credential exists for the outside world only once released.
 */
export async function loadPublishedCredential(db: Db, universityId: string, id: string): Promise<CredentialRow> {
  const row = await db
    .selectFrom("credentials as c")
    .innerJoin("batches as b", "b.id", "c.batch_id")
    .selectAll("c")
    .select("b.state as batch_state")
    .where("c.id", "=", id)
    .where("c.university_id", "=", universityId)
    .executeTakeFirst();
  if (row === undefined || row.batch_state !== "published") throw new NotFoundError("credential");
  return row;
}
