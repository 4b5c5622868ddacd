import { h } from "./dom";
import { t } from "./i18n";

/** The place of a claim the holder hid, said in words where its value would stand. */
export function hiddenValue(): HTMLElement {
  return h("span", { class: "hidden-value" }, t("field.hiddenValue"));
}
