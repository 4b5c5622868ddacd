import { createHash } from "node:crypto";

/**
 * What the database keeps of a high-entropy secret (an API key, a share's withdraw token, a sign-in or session token,
 * a claim code): its SHA-256, so a copy of the database opens nothing. The secrets are random, so no salt or slow
 * hash is needed.
 */
export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}
