import type { MessageKey } from "./en";

/** Traditional Chinese message catalogue: the same keys as `en.ts`, the same meaning. */
export const zhHant: Record<MessageKey, string> = {
  // ---- graduate input rows (core/graduateFile) ----
  // ---- verification checks (core/verify) ----
  // ---- CLI (cli/) ----
};
