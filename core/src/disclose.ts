import { DisclosureError, type DisclosureErrorCode } from "./errors";
import { hashClaim } from "./hashClaim";
import { bytesToHex } from "./hex";
import type { AnyCredential } from "./kinds/AnyCredential";
import { transcriptSectionOf } from "./kinds/checkDisclosureRules";
import { kindOf } from "./kinds/kindOf";
import { listClaims } from "./listClaims";

/**
 * Claims a verifier needs to decide anything: what the document is, who issued it and when it is valid. Hiding
 * `validUntil` would make an expired credential look unlimited, so it is structural too.
 */
const STRUCTURAL = ["/@context/", "/type/", "/issuer/type/", "/credentialSubject/type/"];
const STRUCTURAL_EXACT = new Set(["/id", "/issuer/id", "/validFrom", "/validUntil"]);
const LANGUAGES = new Set(["en", "zh-Hant"]);

function isStructural(pointer: string): boolean {
  return STRUCTURAL_EXACT.has(pointer) || STRUCTURAL.some((prefix) => pointer.startsWith(prefix));
}

function refuse(message: string, code: DisclosureErrorCode, pointer: string): never {
  throw new DisclosureError(message, { code, details: { pointer } });
}

function unescape(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Selective disclosure (SPEC §6.2): hides the claims named by `pointers`, each naming one claim or a subtree. Each
 * hidden claim's value leaves the document, its salt leaves `proof.salts` (so the value cannot be brute-forced)
 * and its claimHash goes to `proof.hiddenClaims`; containers left empty are removed. The digest and leaf are
 * unchanged. Pointers already hidden are accepted again; the input is not modified. A transcript or a letter follows
 * its kind's rules first (kindPointers).
 */
export function disclose<T extends AnyCredential>(credential: T, requested: readonly string[]): T {
  const result = structuredClone(credential);
  const pointers = kindPointers(credential, requested);
  const salts = result.proof.salts;
  const hidden: Record<string, string> = { ...result.proof.hiddenClaims };

  for (const raw of pointers) {
    const pointer = raw.normalize("NFC");
    const alreadyHidden = Object.hasOwn(hidden, pointer) || Object.keys(hidden).some((h) => h.startsWith(`${pointer}/`));
    if (alreadyHidden && !hasVisible(result, pointer)) continue;
    if (!/^(\/([^~/]|~[01])*)+$/.test(pointer) || pointer === "/proof" || pointer.startsWith("/proof/")) {
      refuse(`${raw} names no claim of the credential.`, "DISCLOSE_UNKNOWN_POINTER", raw);
    }
    const tokens = pointer.slice(1).split("/").map(unescape);
    const path: { node: Record<string, unknown>; key: string }[] = [];
    let node: unknown = result;
    for (const key of tokens) {
      if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) {
        refuse(`${raw} names no claim of the credential.`, "DISCLOSE_UNKNOWN_POINTER", raw);
      }
      path.push({ node: node as Record<string, unknown>, key });
      node = (node as Record<string, unknown>)[key];
    }
    const last = path[path.length - 1] as { node: Record<string, unknown>; key: string };
    if (Array.isArray(last.node)) refuse(`${raw} is an array element; hide the whole array.`, "DISCLOSE_REQUIRED_CLAIM", raw);
    // A bilingual text is shown or hidden as a whole, so a visible one always has both languages.
    if (LANGUAGES.has(last.key) && path.length >= 2 && (node === null || typeof node !== "object")) {
      const siblings = Object.keys(last.node);
      if (siblings.every((key) => LANGUAGES.has(key))) refuse(`${raw} is half of a bilingual text; hide the whole text.`, "DISCLOSE_PARTIAL_TEXT", raw);
    }

    const claims = node !== null && typeof node === "object"
      ? listClaims(node).map((claim) => ({ pointer: `${pointer}${claim.pointer}`, value: claim.value }))
      : [{ pointer, value: node as string | number | boolean | null }];
    for (const claim of claims) {
      if (isStructural(claim.pointer)) refuse(`${claim.pointer} is needed to verify the credential.`, "DISCLOSE_REQUIRED_CLAIM", claim.pointer);
    }
    for (const claim of claims) {
      const salt = salts[claim.pointer];
      if (salt === undefined) refuse(`The claim ${claim.pointer} has no salt.`, "INTEGRITY_CLAIM_UNSALTED", claim.pointer);
      hidden[claim.pointer] = bytesToHex(hashClaim(claim.pointer, salt, claim.value));
      delete salts[claim.pointer];
    }

    delete last.node[last.key];
    // Empty objects are not allowed in a credential (SPEC §4): remove parents the hiding emptied, never the root.
    for (let i = path.length - 1; i > 0; i--) {
      const step = path[i] as { node: Record<string, unknown>; key: string };
      if (Object.keys(step.node).length > 0) break;
      const parent = path[i - 1] as { node: Record<string, unknown>; key: string };
      delete parent.node[parent.key];
    }
  }

  if (Object.keys(hidden).length > 0) result.proof.hiddenClaims = hidden;
  return result;
}

/**
 * The pointers to hide under the credential's kind (SPEC §12): an award's as asked; a letter's none (each is
 * refused); a transcript's only within the sections its issuer marked hideable, each widened to every claim of its
 * section, so that a section is never hidden in part (a course's mark alone would be a partial section).
 */
function kindPointers(credential: AnyCredential, requested: readonly string[]): readonly string[] {
  const kind = kindOf(credential);
  if (kind === "award") return requested;
  const hideable = new Set<string>(kind === "transcript" ? ((credential.credentialSubject as { hideable?: string[] }).hideable ?? []) : []);
  const claims = listClaims(credential);
  const out = new Set<string>();
  for (const raw of requested) {
    const section = transcriptSectionOf(raw.normalize("NFC"));
    if (section === undefined || !hideable.has(section)) refuse(`${raw} may not be hidden in this ${kind}.`, "DISCLOSE_NOT_HIDEABLE", raw);
    for (const claim of claims) if (transcriptSectionOf(claim.pointer) === section) out.add(claim.pointer);
  }
  return [...out];
}

function hasVisible(document: AnyCredential, pointer: string): boolean {
  let node: unknown = document;
  for (const key of pointer.slice(1).split("/").map(unescape)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
