/** The languages every user-facing text exists in. */
export const LANGUAGES = ["en", "zh-Hant"] as const;
export type Language = (typeof LANGUAGES)[number];

/** One text in every supported language, with the same meaning. */
export type LocalisedText = Record<Language, string>;

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
