import { randomBytes, timingSafeEqual } from "node:crypto";
import type { LocalisedText } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "../domain/hashSecret";

/** An organisation as the API and the graduate see it: the name it was verified under when it joined. */
export interface Organisation {
  id: string;
  name: LocalisedText;
}

/**
 * Who acts for an organisation: one of its API keys or a signed-in reviewer (the audit log names which, and each
 * has its own rate-limit bucket).
 */
export interface OrganisationActor {
  organisation: Organisation;
  by: { keyId: string } | { reviewerId: string };
}

/**
 * `co_<key id>_<43 base64url chars>`: a prefix of its own, so an organisation key is never mistaken for (or tried as)
 * a university's `ca_` key; only the SHA-256 of the whole key is stored.
 */
const KEY_FORMAT = /^co_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/**
 * Registers an organisation under the name the platform verified (at sign-up; for now the operator's seeding or
 * script), and returns its first API key in clear, exactly once.
 */
export async function createOrganisation(db: Db, id: string, name: LocalisedText, keyLabel: string): Promise<{ organisation: Organisation; key: string }> {
  await db.insertInto("organisations").values({ id, name_en: name.en, name_zh: name["zh-Hant"], created_at: new Date().toISOString() }).execute();
  return { organisation: { id, name }, key: await createOrganisationKey(db, id, keyLabel) };
}

/** A new API key of the organisation, returned in clear exactly once. */
export async function createOrganisationKey(db: Db, organisationId: string, label: string): Promise<string> {
  const keyId = randomBytes(8).toString("hex");
  const key = `co_${keyId}_${randomBytes(32).toString("base64url")}`;
  await db
    .insertInto("organisation_keys")
    .values({ id: keyId, organisation_id: organisationId, key_hash: hashSecret(key), label, created_at: new Date().toISOString() })
    .execute();
  return key;
}

/** The organisation of a live key, or null; the hashes are compared in constant time. */
export async function authenticateOrganisationKey(db: Db, presented: string): Promise<OrganisationActor | null> {
  const match = KEY_FORMAT.exec(presented);
  if (match === null) return null;
  const row = await db
    .selectFrom("organisation_keys")
    .innerJoin("organisations", "organisations.id", "organisation_keys.organisation_id")
    .select(["organisation_keys.id", "organisation_keys.key_hash", "organisation_keys.revoked_at", "organisations.id as organisation_id", "organisations.name_en", "organisations.name_zh"])
    .where("organisation_keys.id", "=", match[1]!)
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || !timingSafeEqual(row.key_hash, hashSecret(presented))) return null;
  return { organisation: { id: row.organisation_id, name: { en: row.name_en, "zh-Hant": row.name_zh } }, by: { keyId: row.id } };
}

/** The organisation by id, as it was verified; undefined when there is none. */
export async function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, name: { en: row.name_en, "zh-Hant": row.name_zh } };
}
