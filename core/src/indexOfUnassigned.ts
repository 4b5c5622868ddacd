import { ASSIGNED_RANGES } from "./unicodeAssigned";

/** Below the first unassigned code point every character is assigned: ASCII and Latin text skip the search. */
const FIRST_GAP = (ASSIGNED_RANGES[1] as number) + 1;

function isAssigned(codePoint: number): boolean {
  let low = 0;
  let high = ASSIGNED_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (codePoint < (ASSIGNED_RANGES[2 * middle] as number)) high = middle - 1;
    else if (codePoint > (ASSIGNED_RANGES[2 * middle + 1] as number)) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * UTF-16 index of the first code point of `text` that is unassigned in the Unicode version NFC is taken from
 * (UNICODE_VERSION, SPEC §3), or -1. Such a character may be assigned, with its own normalisation, in a later version,
 * so two engines of different Unicode versions could normalise — and hash — the same text differently; issuers and
 * verifiers therefore refuse it, and Node's ICU and an older browser never disagree on a credential.
 */
export function indexOfUnassigned(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < FIRST_GAP) continue;
    const codePoint = text.codePointAt(i) as number;
    if (!isAssigned(codePoint)) return i;
    if (codePoint > 0xffff) i++;
  }
  return -1;
}
