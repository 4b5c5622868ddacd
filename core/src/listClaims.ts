import { CanonicalisationError } from "./errors";

export type ClaimValue = string | number | boolean | null;
export interface Claim {
  pointer: string;
  value: ClaimValue;
}

const NON_ASCII = /[\u0080-\uffff]/;

function token(key: string): string {
  // Pointers are built from NFC member names (SPEC §4); ASCII names are NFC already.
  const name = NON_ASCII.test(key) ? key.normalize("NFC") : key;
  return name.includes("~") || name.includes("/") ? name.replace(/~/g, "~0").replace(/\//g, "~1") : name;
}

function collect(value: unknown, pointer: string, out: Claim[]): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push({ pointer, value });
    return;
  }
  if (typeof value !== "object") {
    throw new CanonicalisationError(`A ${typeof value} is not a JSON value.`, { code: "CANONICAL_UNSUPPORTED_VALUE", details: { pointer } });
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new CanonicalisationError("Empty arrays are not allowed.", { code: "CANONICAL_EMPTY_CONTAINER", details: { pointer } });
    for (let i = 0; i < value.length; i++) collect(value[i], `${pointer}/${i}`, out);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) throw new CanonicalisationError("Empty objects are not allowed.", { code: "CANONICAL_EMPTY_CONTAINER", details: { pointer } });
  for (const key of keys) collect((value as Record<string, unknown>)[key], `${pointer}/${token(key)}`, out);
}

/**
 * Every claim of SPEC §4: each JSON primitive with its RFC 6901 pointer, in document order, skipping the top-level
 * `proof`. Values are returned as found (hashClaim normalises them); empty objects and arrays are rejected because
 * they carry no claim and so could be added or removed without changing the digest.
 */
export function listClaims(document: object): Claim[] {
  const out: Claim[] = [];
  for (const key of Object.keys(document)) {
    if (key === "proof") continue;
    collect((document as Record<string, unknown>)[key], `/${token(key)}`, out);
  }
  return out;
}
