/**
 * English message catalogue. Keys are stable; `zh-Hant.ts` must have exactly the same keys (the type system and
 * test/core/i18n.test.ts enforce it). Placeholders are `{name}`.
 */
export const en = {
  // ---- graduate input rows (core/graduateFile) ----
  // ---- verification checks (core/verify) ----
  // ---- CLI (cli/) ----
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
