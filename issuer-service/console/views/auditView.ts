import type { AuditEntry } from "../ApiTypes";
import { CursorList } from "../CursorList";
import { dataTable } from "../dataTable";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { listHead } from "../listHead";
import type { View } from "../View";

/** The university's audit log, newest first, 50 entries a page (admin and auditor keys). */
export function auditView(): View {
  const element = h("section", { "aria-labelledby": "audit-heading", class: "view" });
  const list = new CursorList<AuditEntry>("/audit", { format: "json", limit: "50" });
  const load = async (reset: boolean) => {
    await list.load(reset);
    render();
  };

  function render(): void {
    const code = (text: string | null) => (text === null ? "—" : h("code", {}, text));
    fill(element, [
      listHead("audit-heading", "console.audit.heading", () => void load(true), list.failure?.() ?? ""),
      list.items.length === 0
        ? null
        : dataTable<AuditEntry>(
            [
              { heading: "console.audit.at", cell: (entry) => h("time", { datetime: entry.at }, i18n.date(entry.at)) },
              { heading: "console.audit.key", cell: (entry) => code(entry.keyId) },
              { heading: "console.audit.action", cell: (entry) => entry.action },
              { heading: "console.audit.target", cell: (entry) => code(entry.target) },
              { heading: "console.audit.result", cell: (entry) => entry.result },
            ],
            list.items,
          ),
      list.nextCursor === null ? null : h("button", { type: "button", class: "button", onclick: () => void load(false) }, i18n.t("console.more")),
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
