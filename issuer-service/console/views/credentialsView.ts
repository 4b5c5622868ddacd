import { CREDENTIAL_KINDS } from "@credanchor/core/protocol";
import { api } from "../api";
import type { CredentialRow, CredentialState, Page } from "../ApiTypes";
import { dataTable } from "../dataTable";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { statusChip } from "../statusChip";
import type { ConsoleContext, View } from "../View";

const PAGE = 50;
const STATES: CredentialState[] = ["valid", "revoked", "superseded", "pending"];
const FILTERS = ["q", "kind", "status", "batch"] as const;

/** `#/credentials` with these search parameters (none: every credential). */
function credentialsHash(params: URLSearchParams): string {
  const query = params.toString();
  return `#/credentials${query === "" ? "" : `?${query}`}`;
}

/**
 * Credentials across batches or of one batch, searched by student id, name in either language or credential id,
 * filtered by kind and state, 50 a page with a cursor (a batch of 50,000 is never loaded whole). The search lives in the
 * address (#/credentials?q=…&kind=…&status=…&batch=…), so a result can be bookmarked and Back works.
 */
export function credentialsView(ctx: ConsoleContext): View {
  const element = h("section", { "aria-labelledby": "credentials-heading", class: "view" });
  let params = new URLSearchParams();
  let page: Page<CredentialRow> | null = null;
  /** Cursors of the pages before this one, for "Previous". */
  let before: (string | null)[] = [];
  let cursor: string | null = null;
  let message: (() => string) | null = null;
  let loads = 0;

  async function load(): Promise<void> {
    const query = new URLSearchParams({ limit: String(PAGE) });
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value) query.set(name, value);
    }
    if (cursor !== null) query.set("cursor", cursor);
    // Only the latest search is drawn: an earlier, slower answer must not replace it.
    const ticket = ++loads;
    try {
      const answer = await api.get<Page<CredentialRow>>(`/credentials?${query}`);
      if (ticket !== loads) return;
      page = answer;
      message = null;
    } catch (error) {
      if (ticket !== loads) return;
      page = null;
      message = () => errorText(error);
    }
    render();
  }

  async function turn(direction: 1 | -1): Promise<void> {
    if (direction === 1 && page?.nextCursor) {
      before.push(cursor);
      cursor = page.nextCursor;
    } else if (direction === -1) cursor = before.pop() ?? null;
    await load();
    element.querySelector<HTMLElement>("#credentials-range")?.focus();
  }

  function search(form: HTMLFormElement): void {
    const data = new FormData(form);
    const next = new URLSearchParams();
    const q = String(data.get("q") ?? "").trim();
    const status = String(data.get("status") ?? "");
    const kind = String(data.get("kind") ?? "");
    const batch = params.get("batch");
    if (q) next.set("q", q);
    if (kind) next.set("kind", kind);
    if (status) next.set("status", status);
    if (batch) next.set("batch", batch);
    ctx.go(credentialsHash(next));
  }

  function results(): HTMLElement | null {
    if (page === null) return null;
    if (page.items.length === 0) return h("p", {}, i18n.t("console.credentials.none"));
    const first = i18n.count(before.length * PAGE + 1);
    const last = i18n.count(before.length * PAGE + page.items.length);
    const english = i18n.language === "en";
    return h(
      "div",
      {},
      h(
        "p",
        { id: "credentials-range", tabindex: -1 },
        page.total === undefined
          ? i18n.t("console.credentials.range", { first, last })
          : i18n.t("console.credentials.rangeOf", { first, last, total: i18n.count(page.total) }),
      ),
      dataTable<CredentialRow>(
        [
          { heading: "console.field.studentId", cell: (row) => h("code", {}, row.studentId) },
          {
            heading: "console.field.name",
            rowHeader: true,
            cell: (row) => {
              const [first, second] = english ? [row.nameEn, row.nameZh] : [row.nameZh, row.nameEn];
              return [
                h("a", { href: `#/credential/${encodeURIComponent(row.id)}` }, first ?? second ?? row.studentId),
                first === null || second === null ? null : h("span", { class: "help" }, ` ${second}`),
              ];
            },
          },
          { heading: "console.field.kind", cell: (row) => i18n.t(`kind.${row.kind}`) },
          { heading: "console.field.title", cell: (row) => (english ? row.title.en : row.title["zh-Hant"]) },
          { heading: "console.field.date", cell: (row) => i18n.date(row.date) },
          { heading: "console.field.status", cell: (row) => statusChip(row.status) },
        ],
        page.items,
        { describedBy: "credentials-range" },
      ),
      h(
        "nav",
        { class: "button-row pager", "aria-label": i18n.t("console.credentials.pages") },
        before.length === 0 ? null : h("button", { type: "button", class: "button", onclick: () => void turn(-1) }, i18n.t("console.previous")),
        page.nextCursor === null ? null : h("button", { type: "button", class: "button", onclick: () => void turn(1) }, i18n.t("console.next")),
      ),
    );
  }

  function render(): void {
    const batch = params.get("batch");
    const form = h(
      "form",
      { class: "search", role: "search" },
      h(
        "div",
        { class: "search__query" },
        h("label", { for: "credential-search" }, i18n.t("console.credentials.search")),
        h("input", {
          id: "credential-search",
          name: "q",
          type: "search",
          value: params.get("q") ?? "",
          spellcheck: "false",
          "aria-describedby": "credential-search-help",
        }),
        h("p", { id: "credential-search-help", class: "help" }, i18n.t("console.credentials.searchHelp")),
      ),
      h(
        "div",
        {},
        h("label", { for: "credential-kind" }, i18n.t("console.field.kind")),
        h(
          "select",
          { id: "credential-kind", name: "kind" },
          h("option", { value: "" }, i18n.t("console.kind.all")),
          CREDENTIAL_KINDS.map((kind) => h("option", { value: kind, selected: params.get("kind") === kind }, i18n.t(`kind.${kind}`))),
        ),
      ),
      h(
        "div",
        {},
        h("label", { for: "credential-status" }, i18n.t("console.field.status")),
        h(
          "select",
          { id: "credential-status", name: "status" },
          h("option", { value: "" }, i18n.t("console.status.all")),
          STATES.map((state) => h("option", { value: state, selected: params.get("status") === state }, i18n.t(`console.status.${state}`))),
        ),
      ),
      h("div", { class: "search__go" }, h("button", { type: "submit", class: "button button--primary" }, i18n.t("console.credentials.find"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search(form);
    });
    const allBatches = new URLSearchParams(params);
    allBatches.delete("batch");
    fill(element, [
      h("h2", { id: "credentials-heading", tabindex: -1 }, i18n.t("console.credentials.heading")),
      batch
        ? h(
            "p",
            { class: "filter" },
            i18n.t("console.credentials.inBatch", { batch }),
            " ",
            h("a", { href: credentialsHash(allBatches) }, i18n.t("console.credentials.allBatches")),
          )
        : null,
      form,
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? ""),
      results(),
    ]);
  }

  return {
    element,
    async open(next) {
      params = next;
      before = [];
      cursor = null;
      render();
      await load();
    },
    render,
  };
}
