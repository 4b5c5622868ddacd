import { isUrlPathToken } from "./isUrlPathToken";

/**
 * An RPC URL as it may be shown to people and logs: without userinfo (`user:password@`), query and fragment, where
 * hosted RPC providers put API keys and tokens, and with path segments that look like keys (isUrlPathToken) shown
 * as `***`. Scheme, host, port and the rest of the path stay so the reader can tell which endpoint was tried.
 * Written without `URL` so that core stays on plain ES2022 (and a malformed URL still prints).
 */
export function redactUrl(url: string): string {
  const withoutSecrets = url.trim().replace(/[?#].*$/s, "");
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/is.exec(withoutSecrets);
  if (scheme === null) return withoutSecrets;
  const [, prefix, authority, rest] = scheme as unknown as [string, string, string, string];
  const at = authority.lastIndexOf("@");
  const path = rest
    .split("/")
    .map((segment) => (isUrlPathToken(segment) ? "***" : segment))
    .join("/");
  return `${prefix}${at === -1 ? authority : authority.slice(at + 1)}${path}`;
}
