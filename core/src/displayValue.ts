/** Longest part of a bad value a row error repeats: enough to find the cell, never a whole pasted paragraph. */
export const MAX_DISPLAYED_VALUE = 60;

// What a reader cannot see or that would rearrange the text around it: controls (tab, line break), the bidirectional
// embeddings/overrides/isolates and marks, zero-width and other format characters, lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

const codePoint = (character: string) => `<U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}>`;

/**
 * A bad value as a row error may show it, in a console, a terminal or a JSON body: invisible characters written
 * as `<U+202E>` so the registrar sees what to delete and a text-direction override cannot reorder the message
 * around it, anything that is not text as its JSON, and at most MAX_DISPLAYED_VALUE characters (then `…`).
 */
export function displayValue(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const characters = [...text];
  const shown = characters.slice(0, MAX_DISPLAYED_VALUE).join("").replace(INVISIBLE, codePoint);
  return characters.length > MAX_DISPLAYED_VALUE ? `${shown}…` : shown;
}
