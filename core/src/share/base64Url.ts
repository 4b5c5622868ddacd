import { ShareFormatError } from "../errors";

/** RFC 4648 §5 base64url without padding: what share links and the share API carry. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url (padding optional); ShareFormatError on any other character. */
export function base64UrlToBytes(value: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw new ShareFormatError("Not base64url text.", { code: "SHARE_NOT_BASE64URL" });
  const unpadded = value.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) throw new ShareFormatError("Not base64url text.", { code: "SHARE_NOT_BASE64URL" });
  const base64 = unpadded.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (unpadded.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
