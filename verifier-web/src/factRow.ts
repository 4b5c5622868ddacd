import { h } from "./dom";

/** One labelled fact of a credential (a row of a `dl.facts`). */
export function factRow(label: string, value: Node | string): HTMLElement {
  return h("div", { class: "facts__row" }, h("dt", {}, label), h("dd", {}, value));
}
