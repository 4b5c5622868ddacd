import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { NotFoundError } from "../errors";

export const ROLES = ["registrar", "revoker", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyInfo {
  id: string;
  universityId: string;
  roles: Role[];
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  university_id: string;
  key_hash: Buffer;
  roles: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

/** `ca_<key id>_<43 base64url chars of 32 random bytes>`: the id finds the row, only the hash of the whole key is stored. */
const KEY_FORMAT = /^ca_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

function hashKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

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
export function ensureUniversity(db: Db, universityId: string): void {
  db.prepare("INSERT OR IGNORE INTO universities (id, created_at) VALUES (?, ?)").run(universityId, new Date().toISOString());
}

/** Creates an API key and returns it in clear exactly once; only its sha256 is kept. */
export function createApiKey(db: Db, universityId: string, roles: Role[], label: string): { key: string; info: ApiKeyInfo } {
  ensureUniversity(db, universityId);
  const id = randomBytes(8).toString("hex");
  const key = `ca_${id}_${randomBytes(32).toString("base64url")}`;
  const createdAt = new Date().toISOString();
  db.prepare("INSERT INTO api_keys (id, university_id, key_hash, roles, label, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
    id,
    universityId,
    hashKey(key),
    JSON.stringify([...new Set(roles)].sort()),
    label,
    createdAt,
  );
  return { key, info: { id, universityId, roles: [...new Set(roles)].sort(), label, createdAt, revokedAt: null } };
}

/** The key's identity if `presented` is a live key; comparison of the hashes is constant-time. */
export function authenticateApiKey(db: Db, presented: string): ApiKeyInfo | null {
  const match = KEY_FORMAT.exec(presented);
  if (match === null) return null;
  const row = db.prepare("SELECT * FROM api_keys WHERE id = ?").get(match[1]) as ApiKeyRow | undefined;
  if (row === undefined || row.revoked_at !== null) return null;
  return timingSafeEqual(row.key_hash, hashKey(presented)) ? toInfo(row) : null;
}

export function listApiKeys(db: Db, universityId: string): ApiKeyInfo[] {
  return (db.prepare("SELECT * FROM api_keys WHERE university_id = ? ORDER BY created_at, id").all(universityId) as ApiKeyRow[]).map(toInfo);
}

export function revokeApiKey(db: Db, universityId: string, keyId: string): ApiKeyInfo {
  const result = db
    .prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND university_id = ? AND revoked_at IS NULL")
    .run(new Date().toISOString(), keyId, universityId);
  const row = db.prepare("SELECT * FROM api_keys WHERE id = ? AND university_id = ?").get(keyId, universityId) as ApiKeyRow | undefined;
  if (row === undefined || (result.changes === 0 && row.revoked_at === null)) throw new NotFoundError("apiKey");
  return toInfo(row);
}
