import { deflateSync, inflateSync } from "fflate";
import { base64UrlToBytes, bytesToBase64Url } from "./base64Url";

// fatal: a link whose bytes are not UTF-8 is damaged, not a credential with replacement characters.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A verification link carrying the credential itself (SPEC §11): `<verifier>#c=<base64url(deflate-raw(utf8(text)))>`,
 * short enough for a QR code on the printed sheet. The fragment never reaches a server. Written here only, for the
 * web holder view and `credanchor print` alike.
 */
export function formatCredentialLink(verifierUrl: string, credentialText: string): string {
  const link = new URL(verifierUrl);
  link.hash = `c=${bytesToBase64Url(deflateSync(new TextEncoder().encode(credentialText)))}`;
  return link.href;
}

/**
 * The credential text a link's fragment parameter carries: `c` (compressed, as `formatCredentialLink` writes) or
 * `credential` (plain base64url of the UTF-8 text). `undefined` when the value is damaged — not strict base64url, not
 * raw DEFLATE, not UTF-8 or empty — so the caller says so rather than guessing.
 */
export function readCredentialLinkValue(parameter: "c" | "credential", value: string): string | undefined {
  try {
    const bytes = base64UrlToBytes(value);
    const text = utf8.decode(parameter === "c" ? inflateSync(bytes) : bytes);
    return text.trim() === "" ? undefined : text;
  } catch {
    return undefined;
  }
}
