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

/**
 * The pointer of a member, by its parent's pointer and its own key. A batch's credentials have the same few dozen
 * pointers, and each is then used as a key several times (the salts object, the claim-head cache, the verifier's salt
 * look-up): handing out the same string every time saves building it and lets those look-ups use its cached hash
 * instead of hashing a fresh string. Bounded, so that hostile input with endless distinct keys cannot grow it.
 */
interface PointerNode {
  pointer: string;
  children: Map<string | number, PointerNode>;
}
const MAX_POINTERS = 8192;
let root: PointerNode = { pointer: "", children: new Map() };
let pointerCount = 0;

function child(parent: PointerNode, key: string | number): PointerNode {
  let node = parent.children.get(key);
  if (node === undefined) {
    if (pointerCount >= MAX_POINTERS) {
      // Start afresh; the parent (possibly of the old tree) still works, only no longer shared.
      root = { pointer: "", children: new Map() };
      pointerCount = 0;
    }
    node = { pointer: `${parent.pointer}/${typeof key === "number" ? key : token(key)}`, children: new Map() };
    parent.children.set(key, node);
    pointerCount++;
  }
  return node;
}

function collect(value: unknown, node: PointerNode, out: Claim[]): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push({ pointer: node.pointer, value });
    return;
  }
  if (typeof value !== "object") {
    throw new CanonicalisationError(`A ${typeof value} is not a JSON value.`, { code: "CANONICAL_UNSUPPORTED_VALUE", details: { pointer: node.pointer } });
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new CanonicalisationError("Empty arrays are not allowed.", { code: "CANONICAL_EMPTY_CONTAINER", details: { pointer: node.pointer } });
    for (let i = 0; i < value.length; i++) collect(value[i], child(node, i), out);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) throw new CanonicalisationError("Empty objects are not allowed.", { code: "CANONICAL_EMPTY_CONTAINER", details: { pointer: node.pointer } });
  for (const key of keys) collect((value as Record<string, unknown>)[key], child(node, key), out);
}

/**
 * Every claim of SPEC §4: each JSON primitive with its RFC 6901 pointer, in document order, skipping the top-level
 * `proof`. Values are returned as found (hashClaim normalises them); empty objects and arrays are rejected because
 * they carry no claim and so could be added or removed without changing the digest.
 */
export function listClaims(document: object): Claim[] {
  const out: Claim[] = [];
  const top = root;
  for (const key of Object.keys(document)) {
    if (key === "proof") continue;
    collect((document as Record<string, unknown>)[key], child(top, key), out);
  }
  return out;
}
