import type { Transaction } from "kysely";
import type { IssueKind } from "@credanchor/core/issue";
import { GradingScale, gradingScaleBytes, gradingScaleCid, parseJson, type TranscriptSection } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import type { BatchRow, Database } from "../db/schema";

/** What `batches.kind_input` holds: a transcript batch's scale by CID (its bytes are in `content`), a letter batch's template. */
type StoredKindInput = { scale: string; hideable: TranscriptSection[] } | { template: unknown };

/**
 * The columns a new batch of `kind` is stored with. A transcript's grading scale goes to the content store in the
 * same transaction, under its CID: an issuer's identical scale is one content row and one upload, however many
 * batches name it (SPEC §12.2: published once, referenced by CID).
 */
export async function storeBatchKind(trx: Transaction<Database>, kind: IssueKind): Promise<{ kind: IssueKind["kind"]; kind_input: string | null }> {
  if (kind.kind === "transcript") {
    const cid = gradingScaleCid(kind.scale);
    await trx
      .insertInto("content")
      .values({ cid, bytes: Buffer.from(gradingScaleBytes(kind.scale)) })
      .onConflict((conflict) => conflict.column("cid").doNothing())
      .execute();
    return { kind: "transcript", kind_input: JSON.stringify({ scale: cid, hideable: [...kind.hideable] } satisfies StoredKindInput) };
  }
  if (kind.kind === "letter") return { kind: "letter", kind_input: JSON.stringify({ template: kind.template } satisfies StoredKindInput) };
  return { kind: "award", kind_input: null };
}

/** The kind a stored batch was issued with, its grading scale read back from the content store by CID. */
export async function loadBatchKind(db: Db | Transaction<Database>, batch: Pick<BatchRow, "kind" | "kind_input">): Promise<IssueKind> {
  if (batch.kind === "award" || batch.kind_input === null) return { kind: "award" };
  const input = JSON.parse(batch.kind_input) as StoredKindInput;
  if (batch.kind === "letter" && "template" in input) return { kind: "letter", template: input.template as Extract<IssueKind, { kind: "letter" }>["template"] };
  if (!("scale" in input)) throw new Error(`batch kind ${batch.kind} stored without its scale`);
  const content = await db.selectFrom("content").select("bytes").where("cid", "=", input.scale).executeTakeFirstOrThrow();
  return { kind: "transcript", scale: GradingScale.parse(parseJson(new TextDecoder().decode(content.bytes))), hideable: input.hideable };
}
