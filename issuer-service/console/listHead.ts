import type { MessageKey } from "../i18n/en";
import { h } from "./h";
import { i18n } from "./i18n";

/** A list view's heading with its Refresh button, and the polite live region that reports what happened. */
export function listHead(id: string, heading: MessageKey, refresh: () => void, message: string): HTMLElement[] {
  return [
    h(
      "div",
      { class: "view-head" },
      h("h2", { id, tabindex: -1 }, i18n.t(heading)),
      h("button", { type: "button", class: "button", onclick: refresh }, i18n.t("console.refresh")),
    ),
    h("p", { role: "status", "aria-live": "polite", class: "message" }, message),
  ];
}
