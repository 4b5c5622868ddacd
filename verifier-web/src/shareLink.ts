import { inflateSync } from "fflate";
import { parseShareFragment, type ShareReference } from "@credanchor/core/protocol";

/** What a share link or QR code carried: nothing for us, a credential's JSON text, or something damaged. */
export type SharedCredential =
  | { kind: "none" }
  | { kind: "credential"; text: string }
  | { kind: "encrypted"; reference: ShareReference }
  | { kind: "invalid" };

/** RFC 4648 §5 base64url; padding is optional (links are usually written without it). */
function base64UrlToBytes(value: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw new Error("not base64url");
  const unpadded = value.replace(/=+$/, "");
  const base64 = unpadded.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (unpadded.length % 4)) % 4);
  const binary = atob(base64);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a credential from a URL fragment: `#credential=<base64url of the UTF-8 JSON>` or, shorter for QR codes,
 * `#c=<base64url of the deflate-raw compressed JSON>`, or names an encrypted share and carries its key,
 * `#share=<id or share URL>.<base64url key>` (SPEC §11). The fragment is never sent to any server, which is why the
 * credential travels there.
 */
export function credentialFromFragment(fragment: string): SharedCredential {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const share = params.get("share");
  if (share !== null) {
    const reference = parseShareFragment(share);
    return reference === undefined ? { kind: "invalid" } : { kind: "encrypted", reference };
  }
  const plain = params.get("credential");
  const compressed = params.get("c");
  if (plain === null && compressed === null) return { kind: "none" };
  try {
    const bytes = plain !== null ? base64UrlToBytes(plain) : inflateSync(base64UrlToBytes(compressed ?? ""));
    const text = utf8.decode(bytes);
    return text.trim() === "" ? { kind: "invalid" } : { kind: "credential", text };
  } catch {
    return { kind: "invalid" };
  }
}

/** A QR code holds either a share link (any origin: the fragment is what matters) or the credential JSON itself. */
export function credentialFromQrText(text: string): SharedCredential {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return { kind: "credential", text: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: "none" };
  }
  return credentialFromFragment(url.hash);
}
