import type { AnyCredential } from "./kinds/AnyCredential";
import { digestClaimHashes } from "./digestClaimHashes";
import { CredentialFormatError, IntegrityError, type IntegrityErrorCode } from "./errors";
import { hashClaim } from "./hashClaim";
import { bytesToHex, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak256";
import { listClaims, type Claim } from "./listClaims";

const LEAF_TAG = new TextEncoder().encode("credanchor:leaf:v1");
const BYTES32 = /^0x[0-9a-f]{64}$/;
const NON_ASCII = /[\u0080-\uffff]/;

/** Structural members (SPEC §1) are always visible: a hidden label on or under one is a forgery. */
const STRUCTURAL_EXACT = new Set(["/id", "/issuer/id", "/validFrom", "/validUntil", "/@context", "/type", "/issuer/type", "/credentialSubject/type"]);
const STRUCTURAL_PREFIXES = ["/@context/", "/type/", "/issuer/type/", "/credentialSubject/type/", "/id/", "/issuer/id/", "/validFrom/", "/validUntil/"];
const isStructural = (pointer: string) => STRUCTURAL_EXACT.has(pointer) || STRUCTURAL_PREFIXES.some((prefix) => pointer.startsWith(prefix));

const nfc = (pointer: string) => (NON_ASCII.test(pointer) ? pointer.normalize("NFC") : pointer);

function integrityError(message: string, code: IntegrityErrorCode, pointer: string): IntegrityError {
  return new IntegrityError(message, { code, details: { pointer } });
}

/** The inner preimage of a leaf, the tag in place: hashing is synchronous, so one buffer serves every call. */
const leafPreimage = new Uint8Array(LEAF_TAG.length + 32);
leafPreimage.set(LEAF_TAG, 0);

/** leaf of SPEC §5: keccak256(keccak256("credanchor:leaf:v1" ‖ digest)), a 50-byte inner preimage. */
export function leafFromDigest(digest: Hex | Uint8Array): Hex {
  const bytes = typeof digest === "string" ? hexToBytes(digest) : digest;
  if (bytes.length !== 32) throw new TypeError("digest must be 32 bytes");
  leafPreimage.set(bytes, LEAF_TAG.length);
  return bytesToHex(keccak256(keccak256(leafPreimage)));
}

/** Proper prefixes of a pointer: "/a/b/c" → "/a", "/a/b". */
function ancestors(pointer: string): string[] {
  const out: string[] = [];
  for (let i = pointer.indexOf("/", 1); i > 0; i = pointer.indexOf("/", i + 1)) out.push(pointer.slice(0, i));
  return out;
}

/**
 * The common case, without building a map or looking a key up: the salts object lists exactly the claims' (NFC)
 * pointers, in the claims' order, as issuance writes it. Then no claim is unsalted, no salt orphaned and no two keys
 * collide after NFC, so the result is the general path's. Returns undefined as soon as that is not so.
 */
function hashWithExactSalts(claims: readonly Claim[], salts: Readonly<Record<string, string>>): { pointers: string[]; hashes: Uint8Array[] } | undefined {
  const keys = Object.keys(salts);
  if (keys.length !== claims.length) return undefined;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== (claims[i] as Claim).pointer) return undefined;
  // Own enumerable string keys come in the same order from keys and values.
  const values = Object.values(salts);
  const pointers: string[] = [];
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < claims.length; i++) {
    const { pointer, value } = claims[i] as Claim;
    hashes.push(hashClaim(pointer, values[i] as string, value));
    pointers.push(pointer);
  }
  return { pointers, hashes };
}

/** Salt keys compared after NFC; the first unsalted claim (document order), then the first orphaned salt, is refused. */
function hashWithSaltRules(claims: readonly Claim[], saltObject: Readonly<Record<string, string>>): { pointers: string[]; hashes: Uint8Array[] } {
  const salts = new Map<string, string>();
  for (const [pointer, salt] of Object.entries(saltObject)) salts.set(nfc(pointer), salt);
  const visible = new Set<string>();
  const pointers: string[] = [];
  const hashes: Uint8Array[] = [];
  for (const { pointer, value } of claims) {
    const salt = salts.get(pointer);
    if (salt === undefined) throw integrityError(`The claim ${pointer} has no salt.`, "INTEGRITY_CLAIM_UNSALTED", pointer);
    hashes.push(hashClaim(pointer, salt, value));
    pointers.push(pointer);
    visible.add(pointer);
  }
  for (const pointer of salts.keys()) {
    if (!visible.has(pointer)) throw integrityError(`The salt for ${pointer} names no visible claim.`, "INTEGRITY_SALT_ORPHANED", pointer);
  }
  return { pointers, hashes };
}

/**
 * Recomputes a credential's digest and leaf (SPEC §4–§6) and enforces the salt rules: every visible claim has a
 * salt, every salt names a visible claim, and no hidden pointer is structural, is, contains or lies inside a visible
 * claim or another hidden one. The digest commits to the pointers of all claims, so hidden labels are checked too. Throws IntegrityError (or CredentialFormatError) with the SPEC code and `details.pointer`.
 */
export function digestCredential(credential: AnyCredential): { digest: Hex; leaf: Hex; claimCount: number } {
  const claims = listClaims(credential);
  const { pointers, hashes } = hashWithExactSalts(claims, credential.proof.salts) ?? hashWithSaltRules(claims, credential.proof.salts);

  const hidden = Object.entries(credential.proof.hiddenClaims ?? {}).map(([pointer, hash]) => [nfc(pointer), hash] as const);
  if (hidden.length > 0) {
    const visible = new Set(pointers);
    const hiddenPointers = new Set(hidden.map(([pointer]) => pointer));
    const containers = new Set<string>();
    for (const pointer of visible) for (const prefix of ancestors(pointer)) containers.add(prefix);
    for (const [pointer, hash] of hidden) {
      const conflict =
        pointer === "/proof" ||
        pointer.startsWith("/proof/") ||
        isStructural(pointer) ||
        visible.has(pointer) ||
        containers.has(pointer) ||
        ancestors(pointer).some((prefix) => visible.has(prefix) || hiddenPointers.has(prefix));
      if (conflict) throw integrityError(`The hidden claim ${pointer} overlaps another claim.`, "INTEGRITY_HIDDEN_CONFLICT", pointer);
      if (!BYTES32.test(hash)) throw new CredentialFormatError(`The hidden claim ${pointer} is not a 32-byte hash.`, { code: "FORMAT_SCHEMA", details: { pointer } });
      hashes.push(hexToBytes(hash));
      pointers.push(pointer);
    }
  }

  const digest = digestClaimHashes(pointers, hashes);
  return { digest: bytesToHex(digest), leaf: leafFromDigest(digest), claimCount: hashes.length };
}
