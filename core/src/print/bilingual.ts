import type { LocalisedText } from "../i18n/Language";
import { printNode, type PrintNode } from "./PrintNode";

/** A text in English and Traditional Chinese, one above the other, each marked with its language (fonts, readers). */
export function bilingual(text: LocalisedText): PrintNode[] {
  return [printNode("span", { lang: "en", class: "en" }, text.en), printNode("span", { lang: "zh-Hant", class: "zh" }, text["zh-Hant"])];
}
