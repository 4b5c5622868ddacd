import { en, type MessageKey } from "./en";
import { zhHant } from "./zh-Hant";

export type Language = "en" | "zh-Hant";
export type LocalisedText = Record<Language, string>;
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, "zh-Hant": zhHant };

/** The message `key` in one language with `{name}` placeholders filled; an unknown placeholder stays visible. */
export function translateTo(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The message `key` in every language (API errors carry both). */
export function translate(key: MessageKey, params: MessageParams = {}): LocalisedText {
  return { en: translateTo("en", key, params), "zh-Hant": translateTo("zh-Hant", key, params) };
}

export type { MessageKey };
