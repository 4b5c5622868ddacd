import { en, type MessageKey } from "./en";
import { zhHant } from "./zh-Hant";

/** The languages every user-facing text exists in. */
export const LANGUAGES = ["en", "zh-Hant"] as const;
export type Language = (typeof LANGUAGES)[number];

/** One text in every supported language, with the same meaning. */
export type LocalisedText = Record<Language, string>;

/** A parameter is the same in every language (a number, an address) or itself localised (a status name). */
export type MessageParams = Record<string, string | number | LocalisedText>;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, "zh-Hant": zhHant };

function interpolate(language: Language, template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    return typeof value === "object" ? value[language] : String(value);
  });
}

/** The message `key` in every language, with `{name}` placeholders filled from `params`. */
export function translate(key: MessageKey, params: MessageParams = {}): LocalisedText {
  return {
    en: interpolate("en", catalogues.en[key], params),
    "zh-Hant": interpolate("zh-Hant", catalogues["zh-Hant"][key], params),
  };
}

/** The message `key` in one language. */
export function translateTo(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return interpolate(language, catalogues[language][key], params);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export type { MessageKey };
