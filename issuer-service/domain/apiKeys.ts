import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "./hashSecret";
import type { ApiKeysTable } from "../db/schema";
import { NotFoundError } from "../errors";

/** admin: keys, audit, rotation and everything else; registrar: uploads; revoker: revocations; auditor: reads only. */
export const ROLES = ["registrar", "revoker", "admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyInfo {
  id: string;
  universityId: string;
  roles: Role[];
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

type ApiKeyRow = Selectable<ApiKeysTable>;

/** `ca_<key id>_<43 base64url chars of 32 random bytes>`: the id finds the row, only the hash of the whole key is stored. */
const KEY_FORMAT = /^ca_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

function toInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    universityId: row.university_id,
    roles: JSON.parse(row.roles) as Role[],
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Makes sure the university exists in the database (first start, seeding). */
export async function ensureUniversity(db: Db, universityId: string): Promise<void> {
  await db
    .insertInto("universities")
    .values({ id: universityId, created_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
}

/** Creates an API key and returns it in clear exactly once; only its sha256 is kept. */
export async function createApiKey(db: Db, universityId: string, roles: Role[], label: string): Promise<{ key: string; info: ApiKeyInfo }> {
  await ensureUniversity(db, universityId);
  const id = randomBytes(8).toString("hex");
  const key = `ca_${id}_${randomBytes(32).toString("base64url")}`;
  const createdAt = new Date().toISOString();
  await db
    .insertInto("api_keys")
    .values({ id, university_id: universityId, key_hash: hashSecret(key), roles: JSON.stringify([...new Set(roles)].sort()), label, created_at: createdAt })
    .execute();
  return { key, info: { id, universityId, roles: [...new Set(roles)].sort(), label, createdAt, revokedAt: null } };
}

/** The key's identity if `presented` is a live key; comparison of the hashes is constant-time. */
export async function authenticateApiKey(db: Db, presented: string): Promise<ApiKeyInfo | null> {
  const match = KEY_FORMAT.exec(presented);
  if (match === null) return null;
  const row = await db.selectFrom("api_keys").selectAll().where("id", "=", match[1]!).executeTakeFirst();
  if (row === undefined || row.revoked_at !== null) return null;
  return timingSafeEqual(row.key_hash, hashSecret(presented)) ? toInfo(row) : null;
}

export async function listApiKeys(db: Db, universityId: string): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom("api_keys").selectAll().where("university_id", "=", universityId).orderBy("created_at").orderBy("id").execute();
  return rows.map(toInfo);
}

export async function revokeApiKey(db: Db, universityId: string, keyId: string): Promise<ApiKeyInfo> {
  await db
    .updateTable("api_keys")
    .set({ revoked_at: new Date().toISOString() })
    .where("id", "=", keyId)
    .where("university_id", "=", universityId)
    .where("revoked_at", "is", null)
    .execute();
  const row = await db.selectFrom("api_keys").selectAll().where("id", "=", keyId).where("university_id", "=", universityId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("apiKey");
  return toInfo(row);
}
