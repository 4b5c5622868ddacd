import { randomBytes } from "node:crypto";
import type { Db } from "../db/openDatabase";

/** An identity as a provider asserts it: the provider's id in this service's configuration and its `sub`. */
export interface ReviewerIdentity {
  provider: string;
  subject: string;
}

/** A registered reviewer: who may act for an organisation in the inbox. */
export interface Reviewer extends ReviewerIdentity {
  id: string;
  organisationId: string;
  name: string;
}

/**
 * Registers an identity as a reviewer of an organisation (the operator's act, as registering the organisation is).
 * Keyed by (provider, subject): a `sub` is the provider's stable, never reassigned key of one person, whereas an
 * e-mail address or its domain can pass to someone else. An identity reviews for at most one organisation.
 */
export async function addReviewer(db: Db, organisationId: string, identity: ReviewerIdentity & { name: string }): Promise<Reviewer> {
  const reviewer = { id: randomBytes(8).toString("hex"), organisationId, ...identity };
  await db
    .insertInto("organisation_reviewers")
    .values({ id: reviewer.id, organisation_id: organisationId, provider: identity.provider, subject: identity.subject, name: identity.name, created_at: new Date().toISOString() })
    .execute();
  return reviewer;
}

/** The reviewer registered for this identity, or undefined: the identity reviews for no organisation. */
export async function findReviewer(db: Db, identity: ReviewerIdentity): Promise<Reviewer | undefined> {
  const row = await db.selectFrom("organisation_reviewers").selectAll().where("provider", "=", identity.provider).where("subject", "=", identity.subject).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, organisationId: row.organisation_id, provider: row.provider, subject: row.subject, name: row.name };
}

/** Ends a reviewer's registration and every session of it at once (someone who left the office). */
export async function removeReviewer(db: Db, identity: ReviewerIdentity): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const reviewer = await trx.selectFrom("organisation_reviewers").select("id").where("provider", "=", identity.provider).where("subject", "=", identity.subject).executeTakeFirst();
    if (reviewer === undefined) return false;
    await trx.deleteFrom("organisation_sessions").where("reviewer_id", "=", reviewer.id).execute();
    await trx.deleteFrom("organisation_reviewers").where("id", "=", reviewer.id).execute();
    return true;
  });
}
