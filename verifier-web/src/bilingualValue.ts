import type { LocalisedText } from "@credanchor/core/protocol";
import { h } from "./dom";
import { hiddenValue } from "./hiddenValue";

/** Both languages of a bilingual value, each marked with its language so screen readers and fonts pick it up. */
export function bilingualValue(value: Partial<LocalisedText> | undefined, hidden: readonly string[], pointer: string): HTMLElement {
  const part = (lang: "en" | "zh-Hant") =>
    value?.[lang] !== undefined
      ? h("span", { lang, class: "bilingual__part" }, value[lang])
      : hidden.includes(`${pointer}/${lang}`) || hidden.includes(pointer)
        ? hiddenValue()
        : null;
  return h("span", { class: "bilingual" }, part("en"), part("zh-Hant"));
}
