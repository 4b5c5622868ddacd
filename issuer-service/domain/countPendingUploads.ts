import type { Db } from "../db/openDatabase";

/** Manifests the content store has not accepted yet (health and metrics both report them). */
export async function countPendingUploads(db: Db): Promise<number> {
  const { pending } = await db
    .selectFrom("content")
    .select((eb) => eb.fn.countAll<number>().as("pending"))
    .where("uploaded", "=", 0)
    .executeTakeFirstOrThrow();
  return pending;
}
