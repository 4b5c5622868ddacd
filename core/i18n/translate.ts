import { en, type MessageKey } from "./en";
import { zhHant } from "./zh-Hant";

/** The languages every user-facing text exists in. */
export const LANGUAGES = ["en", "zh-Hant"] as const;
export type Language = (typeof LANGUAGES)[number];

/** One text in every supported language, with the same meaning. */
export type LocalisedText = Record<Language, string>;

export type MessageParams = Record<string, string | number>;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, "zh-Hant": zhHant };

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The message `key` in every language, with `{name}` placeholders filled from `params`. */
export function translate(key: MessageKey, params: MessageParams = {}): LocalisedText {
  return {
    en: interpolate(catalogues.en[key], params),
    "zh-Hant": interpolate(catalogues["zh-Hant"][key], params),
  };
}

/** The message `key` in one language. */
export function translateTo(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return interpolate(catalogues[language][key], params);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export type { MessageKey };
