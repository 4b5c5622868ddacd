import { base64UrlToBytes, bytesToBase64Url } from "./base64Url";

/** Share ids are 128 random bits in base64url. */
export const SHARE_ID = /^[A-Za-z0-9_-]{22}$/;

/** Where an encrypted share lives and the key that opens it, as read from `#share=<where>.<key>` (SPEC §11). */
export interface ShareReference {
  /** A share id on the verifier's configured share service, or the absolute URL of the share resource. */
  location: { id: string } | { url: string };
  key: Uint8Array;
}

/**
 * The fragment value after `share=`: `<id>.<key>` when the verifier knows the service, otherwise
 * `<percent-encoded share URL>.<key>`. Base64url has no `.`, so the key is whatever follows the last one.
 */
export function formatShareFragment(location: ShareReference["location"], key: Uint8Array): string {
  const where = "id" in location ? location.id : encodeURIComponent(location.url);
  return `share=${where}.${bytesToBase64Url(key)}`;
}

/** Parses the value of `share=`; `undefined` when it is damaged (the caller says so, never guesses). */
export function parseShareFragment(value: string): ShareReference | undefined {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return undefined;
  let key: Uint8Array;
  try {
    key = base64UrlToBytes(value.slice(dot + 1));
  } catch {
    return undefined;
  }
  if (key.length !== 32) return undefined;
  const where = value.slice(0, dot);
  if (SHARE_ID.test(where)) return { location: { id: where }, key };
  let url: URL;
  try {
    url = new URL(decodeURIComponent(where));
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return { location: { url: url.href }, key };
}

/** The share resource of `id` on a share service whose base URL (scheme, host, optional path) is `serviceUrl`. */
export function shareResourceUrl(serviceUrl: string, id: string): string {
  return new URL(`api/v1/shares/${id}`, serviceUrl.endsWith("/") ? serviceUrl : `${serviceUrl}/`).href;
}
