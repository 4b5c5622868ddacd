import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { SecretBoxError } from "./SecretBoxError";

/** A service secrets key as written in its file: 64 hex digits, or 32 bytes in base64 / base64url (`openssl rand`). */
export const SECRETS_KEY = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;

interface Key {
  id: string;
  bytes: Buffer;
}

function keyOf(text: string): Key {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (bytes.length !== 32) throw new RangeError("a secrets key is 32 bytes");
  // Names the key in each sealed value without revealing it, so a rotation finds the values still under the old one.
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 16), bytes };
}

const PREFIX = "sealed:v1";
const b64 = (bytes: Buffer) => bytes.toString("base64url");

/**
 * Keeps secrets the service must read back — an organisation's webhook signing secret signs every delivery, so it
 * cannot be hashed like an API key — sealed with AES-256-GCM under the service's secrets key (ISSUER_SECRETS_KEY_FILE),
 * which never goes into the database: a copy of the database alone reveals no secret. A sealed value is
 * `sealed:v1:<key id>:<iv>:<ciphertext and tag>` (base64url). The associated data names the row the value belongs to,
 * so a value copied into another row does not open. During a key rotation the previous key still opens what it sealed
 * (docs/REQUESTS.md), and `isCurrent` tells which values to seal again under the new one.
 */
export class SecretBox {
  private readonly current: Key;
  private readonly previous: Key | undefined;

  constructor(key: string, previousKey?: string) {
    this.current = keyOf(key);
    this.previous = previousKey === undefined ? undefined : keyOf(previousKey);
  }

  /** Whether stored text is a sealed value at all (an older version stored webhook secrets in clear). */
  static isSealed(stored: string): boolean {
    return stored.startsWith(`${PREFIX}:`);
  }

  seal(secret: string, row: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.bytes, iv).setAAD(Buffer.from(row, "utf8"));
    const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}:${this.current.id}:${b64(iv)}:${b64(sealed)}`;
  }

  open(stored: string, row: string): string {
    const [, , keyId, iv, sealed] = stored.split(":");
    const key = [this.current, this.previous].find((candidate) => candidate?.id === keyId);
    if (!SecretBox.isSealed(stored) || key === undefined || iv === undefined || sealed === undefined) {
      throw new SecretBoxError("the secret is sealed under a key this service does not have", { code: "SECRET_KEY_UNKNOWN", params: { keyId: keyId ?? "" } });
    }
    const bytes = Buffer.from(sealed, "base64url");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength: 16 }).setAAD(Buffer.from(row, "utf8"));
      decipher.setAuthTag(bytes.subarray(-16));
      return Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString("utf8");
    } catch (cause) {
      throw new SecretBoxError("the sealed secret does not open under its key", { code: "SECRET_TAMPERED", cause });
    }
  }

  /** Whether a stored value is sealed under the current key (else it is clear text or under the previous key). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}:${this.current.id}:`);
  }
}
