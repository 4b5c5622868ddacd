import { MAX_JSON_BYTES, MAX_JSON_DEPTH, parseJsonStrictly, utf8Length } from "./parseJsonStrictly";

export { MAX_JSON_BYTES, MAX_JSON_DEPTH };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const RAW_SURROGATE = /[\uD800-\uDFFF]/;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** ES2024's String.prototype.isWellFormed (no lone surrogate), where the engine has it: twice the expression's speed. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * Whether a string decoded from `text` could hold a lone surrogate: the text holds one raw (without isWellFormed, any
 * raw surrogate), or a `\uD800`–`\uDFFF` escape, the only other way a decoded string can get one.
 */
function mayHoldLoneSurrogate(text: string): boolean {
  const raw = isWellFormed === undefined ? RAW_SURROGATE.test(text) : !isWellFormed.call(text);
  return raw || (text.includes("\\u") && SURROGATE_ESCAPE.test(text));
}

/** Whether the quote at `end` is escaped: preceded by an odd number of backslashes. */
function escapedAt(text: string, end: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Member names and deepest nesting of a text JSON.parse has accepted, so its strings and structure are well formed:
 * outside strings, a colon only ever separates a member name from its value. Strings are skipped whole by looking for
 * their closing quote.
 */
function shapeOf(text: string): { members: number; depth: number } {
  let members = 0;
  let open = 0;
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 0x22) {
      let end = text.indexOf('"', pos + 1);
      while (escapedAt(text, end)) end = text.indexOf('"', end + 1);
      pos = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++open > depth) depth = open;
    } else if (c === 0x7d || c === 0x5d) {
      open--;
    } else if (c === 0x3a) {
      members++;
    }
  }
  return { members, depth };
}

/** A member name whose NFC form is itself (ASCII) and that is not forbidden. */
function isPlainName(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0x7f) return false;
  return !FORBIDDEN_KEYS.has(name);
}

/**
 * The number of members of `value` and everything in it, or -1 if something in it is not plainly acceptable: a
 * number that is not finite, a member name that is not plain ASCII or is forbidden.
 */
function plainMembers(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? 0 : -1;
  if (typeof value !== "object" || value === null) return 0;
  let members = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = plainMembers(item);
      if (inner < 0) return -1;
      members += inner;
    }
    return members;
  }
  // JSON.parse makes ordinary objects: their enumerable keys are all their own.
  for (const name in value) {
    if (!isPlainName(name)) return -1;
    const inner = plainMembers((value as Record<string, unknown>)[name]);
    if (inner < 0) return -1;
    members += inner + 1;
  }
  return members;
}

/**
 * Strict JSON (RFC 8259) for untrusted credential files, SPEC §2: what `parseJsonStrictly` returns for `text`, or
 * its error. Ordinary text is answered by the engine's JSON.parse (several times faster than a parser written in
 * JavaScript) and then checked for what JSON.parse lets through: a duplicate member name (JSON.parse keeps the last
 * one, so the text then has more members than the value), a name equal to another only after NFC or forbidden (any
 * non-ASCII or forbidden name), a lone surrogate (one in the text, or any surrogate escape), a number that is not
 * finite, nesting deeper than MAX_JSON_DEPTH. Any of these, anything JSON.parse refuses, and text over MAX_JSON_BYTES
 * go to `parseJsonStrictly`, whose answer is the one given, so every refusal, its code and its position, is its own.
 */
export function parseJson(text: string): unknown {
  if (utf8Length(text) <= MAX_JSON_BYTES && !mayHoldLoneSurrogate(text)) {
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false;
    }
    if (parsed) {
      const shape = shapeOf(text);
      if (shape.depth <= MAX_JSON_DEPTH && plainMembers(value) === shape.members) return value;
    }
  }
  return parseJsonStrictly(text);
}
