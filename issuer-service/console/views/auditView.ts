import { api } from "../api";
import type { AuditEntry, Page } from "../ApiTypes";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import type { View } from "../View";

const PAGE = 50;

/** The university's audit log, newest first, 50 entries a page (admin and auditor keys). */
export function auditView(): View {
  const element = h("section", {
    "aria-labelledby": "audit-heading",
    class: "view",
  });
  let entries: AuditEntry[] = [];
  let nextCursor: string | null = null;
  let message: (() => string) | null = null;

  async function load(reset: boolean): Promise<void> {
    const query = new URLSearchParams({ format: "json", limit: String(PAGE) });
    if (!reset && nextCursor !== null) query.set("cursor", nextCursor);
    try {
      const page = await api.get<Page<AuditEntry>>(`/audit?${query}`);
      entries = reset ? page.items : [...entries, ...page.items];
      nextCursor = page.nextCursor;
      message = null;
    } catch (error) {
      message = () => errorText(error);
    }
    render();
  }

  function render(): void {
    const columns = ["console.audit.at", "console.audit.key", "console.audit.action", "console.audit.target", "console.audit.result"] as const;
    fill(element, [
      h(
        "div",
        { class: "view-head" },
        h("h2", { id: "audit-heading", tabindex: -1 }, i18n.t("console.audit.heading")),
        h("button", { type: "button", class: "button", onclick: () => void load(true) }, i18n.t("console.refresh")),
      ),
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? ""),
      entries.length === 0
        ? null
        : h(
            "table",
            { class: "stack" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                columns.map((key) => h("th", { scope: "col" }, i18n.t(key))),
              ),
            ),
            h(
              "tbody",
              {},
              entries.map((entry) =>
                h(
                  "tr",
                  {},
                  h("td", { "data-label": i18n.t(columns[0]) }, h("time", { datetime: entry.at }, i18n.date(entry.at))),
                  h("td", { "data-label": i18n.t(columns[1]) }, h("code", {}, entry.keyId ?? "—")),
                  h("td", { "data-label": i18n.t(columns[2]) }, entry.action),
                  h("td", { "data-label": i18n.t(columns[3]) }, entry.target === null ? "—" : h("code", {}, entry.target)),
                  h("td", { "data-label": i18n.t(columns[4]) }, entry.result),
                ),
              ),
            ),
          ),
      nextCursor === null
        ? null
        : h(
            "button",
            {
              type: "button",
              class: "button",
              onclick: () => void load(false),
            },
            i18n.t("console.more"),
          ),
    ]);
  }

  return {
    element,
    async open() {
      render();
      await load(true);
    },
    render,
  };
}
