import { formatDate } from "./formatDate";
import type { LocalisedText } from "./Language";

/** A date written in every language (see formatDate), for a message parameter. */
export function localisedDate(value: string): LocalisedText {
  return { en: formatDate(value, "en"), "zh-Hant": formatDate(value, "zh-Hant") };
}
