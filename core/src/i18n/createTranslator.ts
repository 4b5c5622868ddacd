import type { Language, LocalisedText } from "./Language";

/** A parameter is the same in every language (a number, an address) or itself localised (a status name). */
export type MessageParams = Record<string, string | number | LocalisedText>;

/** One catalogue per language with exactly the same keys; placeholders are `{name}`. */
export type Catalogues<Key extends string> = Record<Language, Record<Key, string>>;

export interface Translator<Key extends string> {
  /** The message `key` in every language, with `{name}` placeholders filled from `params`. */
  translate(key: Key, params?: MessageParams): LocalisedText;
  /** The message `key` in one language. */
  translateTo(language: Language, key: Key, params?: MessageParams): string;
}

function interpolate(language: Language, template: string, params: MessageParams): string {
  // Most messages of a verification report have no placeholder: a report builds a dozen of them.
  if (!template.includes("{")) return template;
  // An unknown placeholder stays visible rather than silently vanishing from the sentence.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    return typeof value === "object" ? value[language] : String(value);
  });
}

/** The one translator of every app: core's protocol messages, the service's, the CLI's and the verifier's. */
export function createTranslator<Key extends string>(catalogues: Catalogues<Key>): Translator<Key> {
  const translateTo = (language: Language, key: Key, params: MessageParams = {}) => interpolate(language, catalogues[language][key], params);
  return {
    translateTo,
    translate: (key, params = {}) => ({ en: translateTo("en", key, params), "zh-Hant": translateTo("zh-Hant", key, params) }),
  };
}
