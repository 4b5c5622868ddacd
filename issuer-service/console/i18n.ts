import { formatDate, type Language, type MessageParams } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { translateTo } from "../i18n/translate";

const LANG_STORAGE = "credanchor.lang";
let current: Language = localStorage.getItem(LANG_STORAGE) === "zh-Hant" ? "zh-Hant" : "en";

/**
 * The console's language: every text comes from the service's bilingual catalogue, every date is written the one
 * way core's formatDate writes it (`1 December 2026` / `2026年12月1日`, moments with their zone).
 */
export const i18n = {
  get language(): Language {
    return current;
  },
  set language(language: Language) {
    current = language;
    localStorage.setItem(LANG_STORAGE, language);
  },
  t(key: MessageKey, params: MessageParams = {}): string {
    return translateTo(current, key, params);
  },
  date(value: string | null): string {
    return value === null ? "—" : formatDate(value, current);
  },
  /** Numbers with the grouping a registrar reads at a glance (50,000). */
  count(value: number): string {
    return value.toLocaleString(current === "en" ? "en-GB" : "zh-Hant-HK");
  },
};
