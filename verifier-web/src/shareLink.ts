import { parseShareFragment, readCredentialLinkValue, type ShareReference } from "@credanchor/core/protocol";

/** What a share link or QR code carried: nothing for us, a credential's JSON text, or something damaged. */
export type SharedCredential =
  | { kind: "none" }
  | { kind: "credential"; text: string }
  | { kind: "encrypted"; reference: ShareReference }
  | { kind: "invalid" }
  /** A `#c=` link that would inflate past the largest credential: refused before the work, not after. */
  | { kind: "tooLarge" };

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
  const value = plain !== null ? readCredentialLinkValue("credential", plain) : readCredentialLinkValue("c", compressed ?? "");
  if ("text" in value) return { kind: "credential", text: value.text };
  return { kind: value.problem === "tooLarge" ? "tooLarge" : "invalid" };
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
