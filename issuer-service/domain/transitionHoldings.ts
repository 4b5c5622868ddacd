import type { Transaction } from "kysely";
import type { Database, HoldingState } from "../db/schema";
import { HoldingsRefusedError, type HoldingRefusal } from "./HoldingsRefusedError";

/**
 * The events of a graduate's credential lifecycle, per (university, student id, kind); docs/ISSUER-SERVICE.md has
 * the state diagram.
 * - `issue`: an upload row for a student who holds nothing of the kind yet;
 * - `correct`: a correction (an upload in correction mode, or a reissue) replacing the live credential, which is
 *   superseded once the replacement is final on chain;
 * - `reissueAfterRevocation`: the one way back from revoked, explicit and audited, for the revoker role;
 * - `publish` / `fail`: the holding's pending batch reached `published` / `failed`;
 * - `startRevocation` / `finishRevocation` / `abandonRevocation`: around the on-chain revocation of the live one;
 * - `revokeByCouncil`: the consortium council revoked the live one on chain (worker/followCouncilRevocations.ts).
 */
export type HoldingEvent =
  | { type: "issue" | "correct" | "reissueAfterRevocation" | "publish" | "fail"; batchId: string }
  | { type: "startRevocation" | "finishRevocation" | "abandonRevocation" | "revokeByCouncil" };

/** Which holdings an event concerns: by student id (uploads), by current credential (revocation, reissue), or all of a pending batch. */
export type HoldingTarget = { by: "student" | "credential"; ids: readonly string[] } | { by: "pendingBatch"; batchId: string };

type Place = HoldingState | "none";

/** From which state each event may move a holding, and to which. Nothing else moves one: revoked is final. */
const TRANSITIONS: { readonly [E in HoldingEvent["type"]]: Readonly<Partial<Record<Place, Place>>> } = {
  issue: { none: "issuing" },
  correct: { valid: "correcting" },
  reissueAfterRevocation: { revoked: "reissuing" },
  publish: { issuing: "valid", correcting: "valid", reissuing: "valid" },
  fail: { issuing: "none", correcting: "valid", reissuing: "revoked" },
  startRevocation: { valid: "revoking" },
  finishRevocation: { revoking: "revoked" },
  abandonRevocation: { revoking: "valid" },
  revokeByCouncil: { valid: "revoked" },
};

/** Statements stay well below SQLite's bound-parameter limit. */
const CHUNK = 500;

function chunked<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let offset = 0; offset < items.length; offset += CHUNK) result.push(items.slice(offset, offset + CHUNK));
  return result;
}

/** Why `event` would not apply to a holding in `state`, or null when it would (a dry run asks this). */
export function refusalOf(event: HoldingEvent["type"], state: Place): HoldingRefusal["code"] | null {
  return TRANSITIONS[event][state] === undefined ? refusalCode(event, state) : null;
}

/** Why `event` does not apply to a holding found in `state`. */
function refusalCode(event: HoldingEvent["type"], state: Place): HoldingRefusal["code"] {
  if (state === "none") return "NO_CREDENTIAL";
  if (state === "revoked") return "REVOKED";
  if (state === "revoking") return "REVOCATION_IN_PROGRESS";
  if (state === "valid") return event === "issue" || event === "reissueAfterRevocation" ? "ALREADY_HOLDS" : "NOT_PENDING";
  return "PENDING";
}

async function describeRefusals(
  trx: Transaction<Database>,
  scope: { universityId: string; kind: string },
  target: { by: "student" | "credential"; ids: readonly string[] },
  event: HoldingEvent["type"],
): Promise<HoldingRefusal[]> {
  const column = target.by === "student" ? "student_id" : "credential_id";
  const found = new Map<string, { student_id: string; state: HoldingState; credential_id: string | null; pending_batch_id: string | null }>();
  for (const ids of chunked(target.ids)) {
    const rows = await trx
      .selectFrom("holdings")
      .select(["student_id", "state", "credential_id", "pending_batch_id"])
      .where("university_id", "=", scope.universityId)
      .where("kind", "=", scope.kind)
      .where(column, "in", ids)
      .execute();
    for (const row of rows) found.set((target.by === "student" ? row.student_id : row.credential_id)!, row);
  }
  const refusals: HoldingRefusal[] = [];
  for (const id of target.ids) {
    const holding = found.get(id);
    if (holding !== undefined) {
      refusals.push({
        studentId: holding.student_id,
        state: holding.state,
        credential: holding.credential_id,
        pendingBatch: holding.pending_batch_id,
        code: refusalCode(event, holding.state),
      });
      continue;
    }
    if (target.by === "student") {
      refusals.push({ studentId: id, state: "none", credential: null, pendingBatch: null, code: refusalCode(event, "none") });
      continue;
    }
    // A credential that is no holding's current one was replaced (superseded) or never released.
    const credential = await trx.selectFrom("credentials").select(["student_id", "superseded_by"]).where("id", "=", id).executeTakeFirst();
    refusals.push({
      studentId: credential?.student_id ?? null,
      state: "none",
      credential: id,
      pendingBatch: null,
      code: credential?.superseded_by != null ? "SUPERSEDED" : "NO_CREDENTIAL",
    });
  }
  return refusals;
}

/**
 * The one transition function of the lifecycle: moves the targeted holdings (one university, one kind) by `event`
 * inside the caller's transaction, or refuses them all (HoldingsRefusedError: the caller's transaction rolls back).
 * Every write is guarded by the state it leaves, and by the batch the event concerns, so requests or instances
 * racing for one holding cannot both win: the loser's guarded statement changes nothing and it is refused with the
 * state it found. Publishing points each holding at its new credential (the batch's credential for the student).
 */
export async function transitionHoldings(
  trx: Transaction<Database>,
  scope: { universityId: string; kind: string },
  target: HoldingTarget,
  event: HoldingEvent,
): Promise<number> {
  const now = new Date().toISOString();
  const batchId = "batchId" in event ? event.batchId : null;
  const groups = target.by === "pendingBatch" ? [null] : chunked(target.ids);
  const targetColumn = target.by === "student" ? "student_id" : target.by === "credential" ? "credential_id" : "pending_batch_id";
  let moved = 0;

  for (const ids of groups) {
    const values = ids ?? [target.by === "pendingBatch" ? target.batchId : ""];
    if (event.type === "issue") {
      const inserted = await trx
        .insertInto("holdings")
        .values(
          values.map((studentId) => ({ university_id: scope.universityId, student_id: studentId, kind: scope.kind, state: "issuing" as const, pending_batch_id: batchId, credential_id: null, updated_at: now })),
        )
        .onConflict((conflict) => conflict.columns(["university_id", "student_id", "kind"]).doNothing())
        .returning("student_id")
        .execute();
      moved += inserted.length;
      continue;
    }
    for (const [from, to] of Object.entries(TRANSITIONS[event.type]) as [HoldingState, Place][]) {
      const pendingOnly = event.type === "publish" || event.type === "fail";
      if (to === "none") {
        const deleted = await trx
          .deleteFrom("holdings")
          .where("university_id", "=", scope.universityId)
          .where("kind", "=", scope.kind)
          .where(targetColumn, "in", values)
          .where("state", "=", from)
          .where("pending_batch_id", "=", batchId)
          .returning("student_id")
          .execute();
        moved += deleted.length;
        continue;
      }
      const updated = await trx
        .updateTable("holdings")
        .set((eb) => ({
          state: to,
          updated_at: now,
          ...(event.type === "correct" || event.type === "reissueAfterRevocation" ? { pending_batch_id: batchId } : {}),
          ...(event.type === "fail" ? { pending_batch_id: null } : {}),
          ...(event.type === "publish"
            ? {
                pending_batch_id: null,
                credential_id: eb
                  .selectFrom("credentials")
                  .select("credentials.id")
                  .whereRef("credentials.student_id", "=", "holdings.student_id")
                  .where("credentials.batch_id", "=", batchId!),
              }
            : {}),
        }))
        .where("university_id", "=", scope.universityId)
        .where("kind", "=", scope.kind)
        .where(targetColumn, "in", values)
        .where("state", "=", from)
        .$if(pendingOnly, (query) => query.where("pending_batch_id", "=", batchId))
        .returning("student_id")
        .execute();
      moved += updated.length;
    }
  }
  if (target.by !== "pendingBatch" && moved < target.ids.length) {
    throw new HoldingsRefusedError(await describeRefusals(trx, scope, target, event.type));
  }
  return moved;
}
