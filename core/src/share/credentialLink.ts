import { deflateSync } from "fflate";
import { inflateCapped } from "../inflateCapped";
import { MAX_JSON_BYTES } from "../parseJson";
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

/** What a link's credential parameter holds: the credential's text, or why it cannot be opened. */
export type CredentialLinkValue = { text: string } | { problem: "damaged" | "tooLarge" };

/**
 * The credential text a link's fragment parameter carries: `c` (compressed, as `formatCredentialLink` writes) or
 * `credential` (plain base64url of the UTF-8 text). `damaged` when the value is not strict base64url, not raw
 * DEFLATE, not UTF-8 or empty, so the caller says so rather than guessing; `tooLarge` when it would inflate past
 * MAX_JSON_BYTES: inflation stops there, so a 272 KB link that inflates to 200 MiB costs about 1 MiB of work.
 */
export function readCredentialLinkValue(parameter: "c" | "credential", value: string): CredentialLinkValue {
  try {
    const bytes = base64UrlToBytes(value);
    const inflated = parameter === "c" ? inflateCapped(bytes, MAX_JSON_BYTES) : bytes;
    if (inflated === undefined) return { problem: "tooLarge" };
    const text = utf8.decode(inflated);
    return text.trim() === "" ? { problem: "damaged" } : { text };
  } catch {
    return { problem: "damaged" };
  }
}
