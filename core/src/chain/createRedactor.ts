import { isUrlPathToken } from "./isUrlPathToken";
import { redactUrl } from "./redactUrl";

/** Anything that starts like a URL up to the next character that cannot be part of one in running text. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>(){}[\]\\]+/gi;

/** Shorter fragments would blot out ordinary words; a URL holding such a short secret is still redacted as a URL. */
const MIN_SECRET_LENGTH = 4;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The parts of a configured URL that are secret: user, password, query and fragment values, key-like path segments. */
function secretsOf(url: string): string[] {
  const found: string[] = [];
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is.exec(url.trim());
  if (match === null) return found;
  const [, authority = "", path = "", query = "", fragment = ""] = match;
  const at = authority.lastIndexOf("@");
  if (at !== -1) found.push(...authority.slice(0, at).split(":"));
  found.push(...path.split("/").filter(isUrlPathToken));
  for (const pair of query.split("&")) found.push(pair.slice(pair.indexOf("=") + 1));
  found.push(fragment);
  return [...new Set(found.flatMap((secret) => [secret, safeDecode(secret)]))].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/**
 * A function that makes any text safe to show or store: every URL in it loses its credentials (redactUrl), and the
 * secret parts of the given configured URLs are replaced by `***` wherever they appear on their own, e.g. when a
 * library quotes a password or token outside the URL in an error message.
 */
export function createRedactor(configuredUrls: readonly string[]): (text: string) => string {
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = configuredUrls.flatMap(secretsOf).sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((redacted, secret) => redacted.split(secret).join("***"), text.replace(URL_IN_TEXT, (url) => redactUrl(url)));
}
