import { ShareDecryptionError } from "../errors";

/**
 * Encryption of a shared credential (SPEC §11): AES-256-GCM through WebCrypto, so the same code runs in the browser
 * and in Node (globalThis.crypto). The key never leaves the holder's link; the share service stores only `payload`.
 */
export const SHARE_PAYLOAD_VERSION = 1;
/** The encrypted credential a share service accepts at most (a credential is at most 1 MiB, typically a few KiB). */
export const MAX_SHARE_PAYLOAD_BYTES = 256 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the ciphertext to its purpose and version: it cannot be replayed as some other AES-GCM message. */
const ADDITIONAL_DATA = new TextEncoder().encode("credanchor:share:v1");

async function importKey(key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  if (key.length !== 32) throw new ShareDecryptionError("A share key is 32 bytes.", { code: "SHARE_KEY_INVALID" });
  return globalThis.crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "AES-GCM" }, false, [usage]);
}

/** `payload` = version byte ‖ 96-bit random IV ‖ AES-256-GCM ciphertext and 128-bit tag, under a fresh random key. */
export async function encryptShare(credentialText: string): Promise<{ payload: Uint8Array; key: Uint8Array }> {
  const key = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(
    await globalThis.crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: ADDITIONAL_DATA, tagLength: TAG_BYTES * 8 },
      await importKey(key, "encrypt"),
      new TextEncoder().encode(credentialText),
    ),
  );
  const payload = new Uint8Array(1 + IV_BYTES + sealed.length);
  payload[0] = SHARE_PAYLOAD_VERSION;
  payload.set(iv, 1);
  payload.set(sealed, 1 + IV_BYTES);
  if (payload.length > MAX_SHARE_PAYLOAD_BYTES) throw new RangeError(`the encrypted credential is ${payload.length} bytes; a share holds at most ${MAX_SHARE_PAYLOAD_BYTES}`);
  return { payload, key };
}

/** The credential text, or ShareDecryptionError when the payload is damaged or the key is not its key. */
export async function decryptShare(payload: Uint8Array, key: Uint8Array): Promise<string> {
  if (payload.length < 1 + IV_BYTES + TAG_BYTES || payload[0] !== SHARE_PAYLOAD_VERSION) throw new ShareDecryptionError("Not a version 1 share payload.", { code: "SHARE_PAYLOAD_INVALID" });
  const cryptoKey = await importKey(key, "decrypt");
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt(
      { name: "AES-GCM", iv: payload.slice(1, 1 + IV_BYTES), additionalData: ADDITIONAL_DATA, tagLength: TAG_BYTES * 8 },
      cryptoKey,
      payload.slice(1 + IV_BYTES),
    );
  } catch (error) {
    throw new ShareDecryptionError("The share payload does not decrypt with this key.", { code: "SHARE_DECRYPTION_FAILED", cause: error });
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(plain);
}
