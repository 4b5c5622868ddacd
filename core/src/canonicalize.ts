import { CanonicalisationError, type CanonicalisationErrorCode } from "./errors";
import { hasLoneSurrogate } from "./hasLoneSurrogate";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const NON_ASCII = /[\u0080-\uffff]/;

function fail(message: string, code: CanonicalisationErrorCode, path: string): never {
  throw new CanonicalisationError(message, { code, details: { path } });
}

function nfc(value: string, path: string): string {
  if (hasLoneSurrogate(value)) fail("String contains a lone surrogate.", "FORMAT_LONE_SURROGATE", path);
  // ASCII is already NFC; skipping `normalize` for it matters at issuance rates.
  return NON_ASCII.test(value) ? value.normalize("NFC") : value;
}

function escapePointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      // ECMAScript JSON.stringify of a well-formed string is exactly the JCS string form (RFC 8785 §3.2.2.2).
      return JSON.stringify(nfc(value, path));
    case "number":
      if (!Number.isFinite(value)) fail("Number is not finite.", "FORMAT_NON_FINITE_NUMBER", path);
      // Number.prototype.toString is JCS's number form; it also prints -0 as "0".
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return fail(`A ${typeof value} is not a JSON value.`, "CANONICAL_UNSUPPORTED_VALUE", path);
  }
  if (value === null) return "null";
  if (ancestors.has(value)) fail("Cyclic structure.", "CANONICAL_UNSUPPORTED_VALUE", path);
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      // Holes and undefined would silently become null under JSON.stringify; they are errors here.
      if (!(i in value)) fail("Sparse array.", "CANONICAL_UNSUPPORTED_VALUE", `${path}/${i}`);
      parts.push(serialise(value[i], `${path}/${i}`, ancestors));
    }
    out = `[${parts.join(",")}]`;
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      fail("Only plain objects are JSON objects.", "CANONICAL_UNSUPPORTED_VALUE", path);
    }
    const members = new Map<string, unknown>();
    for (const key of Object.keys(value)) {
      const name = nfc(key, path);
      const memberPath = `${path}/${escapePointerToken(name)}`;
      if (FORBIDDEN_KEYS.has(name)) fail(`Forbidden member name ${JSON.stringify(name)}.`, "FORMAT_FORBIDDEN_KEY", memberPath);
      if (members.has(name)) fail(`Two member names equal after NFC: ${JSON.stringify(name)}.`, "FORMAT_DUPLICATE_KEY", memberPath);
      members.set(name, (value as Record<string, unknown>)[key]);
    }
    // Default string order compares UTF-16 code units, which is the JCS member order (RFC 8785 §3.2.3).
    const names = [...members.keys()].sort();
    const parts = names.map((name) => `${JSON.stringify(name)}:${serialise(members.get(name), `${path}/${escapePointerToken(name)}`, ancestors)}`);
    out = `{${parts.join(",")}}`;
  }
  ancestors.delete(value);
  return out;
}

/**
 * C(v) of SPEC §3: RFC 8785 (JCS) after NFC-normalising every string and member name. Written here rather than
 * taken from the `canonicalize` package because that package neither normalises nor rejects what SPEC rejects
 * (lone surrogates, non-finite numbers, undefined, forbidden or NFC-colliding names). Errors carry the JSON
 * Pointer of the offending value in `details.path`.
 */
export function canonicalize(value: unknown): string {
  return serialise(value, "", new Set());
}
