import type { CredentialKind } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { loadPublishedCredential } from "./CredentialRow";
import { credentialState, type CredentialState } from "./credentialState";

/** One step of a credential's life, from the batch that issued it and the audit log. */
export interface CredentialEvent {
  at: string;
  event: "issued" | "reissued" | "revoked" | "superseded" | "reissueRequested";
  reason: string | null;
  reasonCode: string | null;
  /** The API key that acted ("worker" for the service's own steps, "council" for the consortium council's revocations on chain). */
  by: string | null;
  transaction: string | null;
  /** The other credential concerned: the one this replaced, replaced it, or was requested to replace it. */
  related: string | null;
}

export interface CredentialView {
  id: string;
  batchId: string;
  kind: CredentialKind;
  studentId: string;
  state: CredentialState;
  status: { revoked: boolean; revokedAt: string | null; reason: string | null; supersededBy: string | null };
  history: CredentialEvent[];
  credential: unknown;
}

/** Audit actions that concern one credential, as history events. */
const EVENT_OF_ACTION: Record<string, CredentialEvent["event"]> = {
  "credential.revoke": "revoked",
  "credential.supersede": "superseded",
  "credential.reissue": "reissueRequested",
  "credential.reissueAfterRevocation": "reissueRequested",
};

/**
 * A released credential with its state as this service knows it (the chain remains the authority) and its whole
 * history: issued (and what it replaced), every revocation, supersession and reissue request, oldest first.
 */
export async function getCredential(db: Db, universityId: string, id: string): Promise<CredentialView> {
  const row = await loadPublishedCredential(db, universityId, id);
  const batch = await db.selectFrom("batches").select(["published_at", "tx_hash"]).where("id", "=", row.batch_id).executeTakeFirstOrThrow();
  const audit = await db
    .selectFrom("audit_log")
    .select(["at", "key_id", "action", "target", "detail"])
    .where("university_id", "=", universityId)
    .where("result", "=", "ok")
    .where((eb) => eb.or([eb("target", "=", id), eb.and([eb("target", "=", row.batch_id), eb("action", "=", "batch.revoke")])]))
    .orderBy("id")
    .execute();
  const history: CredentialEvent[] = [
    {
      at: batch.published_at ?? "",
      event: row.supersedes === null ? "issued" : "reissued",
      reason: null,
      reasonCode: null,
      by: "worker",
      transaction: batch.tx_hash,
      related: row.supersedes,
    },
  ];
  for (const entry of audit) {
    const event = entry.action === "batch.revoke" ? "revoked" : EVENT_OF_ACTION[entry.action];
    if (event === undefined) continue;
    const detail = (entry.detail === null ? {} : JSON.parse(entry.detail)) as { reason?: string; reasonCode?: string; transaction?: string | null; replacement?: string; batch?: string };
    history.push({
      at: entry.at,
      event,
      reason: detail.reason ?? null,
      reasonCode: detail.reasonCode ?? null,
      by: entry.key_id,
      transaction: detail.transaction ?? null,
      related: detail.replacement ?? null,
    });
  }
  return {
    id: row.id,
    batchId: row.batch_id,
    kind: row.kind,
    studentId: row.student_id,
    state: credentialState(row),
    status: { revoked: row.revoked_at !== null, revokedAt: row.revoked_at, reason: row.revocation_reason, supersededBy: row.superseded_by },
    history,
    credential: JSON.parse(row.document) as unknown,
  };
}
