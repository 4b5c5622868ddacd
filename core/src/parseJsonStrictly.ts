import { JsonFormatError, type JsonFormatErrorCode } from "./errors";
import { hasLoneSurrogate } from "./hasLoneSurrogate";

/** Longest accepted text, in UTF-8 bytes (SPEC §2). */
export const MAX_JSON_BYTES = 1024 * 1024;
/** Deepest accepted nesting; the top-level object or array is level 1 (SPEC §2). */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

export function utf8Length(text: string): number {
  // Every UTF-16 unit takes 1 to 3 UTF-8 bytes, so most texts are decided without encoding them.
  if (text.length > MAX_JSON_BYTES) return text.length;
  if (text.length * 3 <= MAX_JSON_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/**
 * Strict JSON (RFC 8259) parser for untrusted credential files, implementing SPEC §2, character by character.
 * `JSON.parse` alone cannot be used: it silently keeps the last of duplicate keys, accepts lone surrogates and turns
 * `1e400` into Infinity. Strings and member names are returned exactly as written (not NFC-normalised); duplicate
 * detection compares NFC forms. Objects are ordinary plain objects: `__proto__` is rejected before any assignment,
 * so assigning members cannot reach a prototype. parseJson answers ordinary text faster and comes here for every
 * other text, so every refusal, its code and its position, is this parser's.
 */
export function parseJsonStrictly(text: string): unknown {
  const bytes = utf8Length(text);
  if (bytes > MAX_JSON_BYTES) {
    throw new JsonFormatError("The file is larger than 1 MiB.", { code: "FORMAT_INVALID_JSON", details: { position: 0, bytes } });
  }
  let pos = 0;

  const fail = (message: string, code: JsonFormatErrorCode = "FORMAT_INVALID_JSON", extra: Record<string, unknown> = {}): never => {
    throw new JsonFormatError(message, { code, details: { position: pos, ...extra } });
  };

  const skipWhitespace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = "";
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail("Unterminated string.");
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        break;
      }
      if (c < 0x20) fail("Unescaped control character in string.");
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1];
      if (e === "u") {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\u escape.");
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        const decoded = e === undefined ? undefined : ESCAPES[e];
        if (decoded === undefined) fail("Invalid escape sequence.");
        out += decoded;
        pos += 2;
      }
      start = pos;
    }
    // Checked on the decoded units, so raw and escaped halves are judged alike (an escaped pair is fine).
    if (hasLoneSurrogate(out)) fail("String contains a lone surrogate.", "FORMAT_LONE_SURROGATE");
    return out;
  };

  const parseNumber = (): number => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match === null) fail("Unexpected character.");
    const literal = (match as RegExpExecArray)[0];
    const value = Number(literal);
    if (!Number.isFinite(value)) fail("Number is not a finite double.", "FORMAT_NON_FINITE_NUMBER", { literal });
    pos += literal.length;
    return value;
  };

  const parseValue = (depth: number): unknown => {
    skipWhitespace();
    const c = text[pos];
    if (c === "{" || c === "[") {
      if (depth + 1 > MAX_JSON_DEPTH) fail(`Nesting deeper than ${MAX_JSON_DEPTH} levels.`);
      return c === "{" ? parseObject(depth + 1) : parseArray(depth + 1);
    }
    if (c === '"') return parseString();
    if (text.startsWith("true", pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    return parseNumber();
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    pos++;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    skipWhitespace();
    if (text[pos] === "}") {
      pos++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') fail("Expected a member name.");
      const keyPosition = pos;
      const key = parseString();
      const normalised = key.normalize("NFC");
      if (FORBIDDEN_KEYS.has(normalised)) {
        pos = keyPosition;
        fail(`Forbidden member name ${JSON.stringify(key)}.`, "FORMAT_FORBIDDEN_KEY", { key });
      }
      if (seen.has(normalised)) {
        pos = keyPosition;
        fail(`Duplicate member name ${JSON.stringify(key)}.`, "FORMAT_DUPLICATE_KEY", { key });
      }
      seen.add(normalised);
      skipWhitespace();
      if (text[pos] !== ":") fail("Expected ':'.");
      pos++;
      out[key] = parseValue(depth);
      skipWhitespace();
      const next = text[pos];
      pos++;
      if (next === "}") return out;
      if (next !== ",") {
        pos--;
        fail("Expected ',' or '}'.");
      }
    }
  };

  const parseArray = (depth: number): unknown[] => {
    pos++;
    const out: unknown[] = [];
    skipWhitespace();
    if (text[pos] === "]") {
      pos++;
      return out;
    }
    for (;;) {
      out.push(parseValue(depth));
      skipWhitespace();
      const next = text[pos];
      pos++;
      if (next === "]") return out;
      if (next !== ",") {
        pos--;
        fail("Expected ',' or ']'.");
      }
    }
  };

  // Named on its own because decoders commonly strip it unasked: a file that only verifies after stripping is two texts.
  if (text.charCodeAt(0) === 0xfeff) fail("The text starts with a byte order mark (BOM).");
  const value = parseValue(0);
  skipWhitespace();
  if (pos !== text.length) fail("Unexpected text after the JSON value.");
  return value;
}
