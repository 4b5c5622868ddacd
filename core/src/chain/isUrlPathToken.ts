/**
 * Whether a URL path segment is an API key rather than a route: hosted RPC providers put the key in the path
 * (Infura `/v3/<32 hex>`, Alchemy `/v2/<32 chars>`, QuickNode `/<40 hex>/`). Route names are short words, so a
 * segment of 20 or more letters, digits, `-` or `_` is taken for a key.
 */
export function isUrlPathToken(segment: string): boolean {
  return /^[A-Za-z0-9_-]{20,}$/.test(segment);
}
