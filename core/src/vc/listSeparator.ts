import type { Language } from "../i18n/Language";

/** How an export joins parts of one text. Punctuation, not words: the catalogues hold texts, and every zh-Hant text there must contain Chinese. */
export const LIST_SEPARATOR: Record<Language, string> = { en: "; ", "zh-Hant": "；" };
