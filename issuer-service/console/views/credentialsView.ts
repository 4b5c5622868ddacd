import { api } from "../api";
import type { CredentialRow, CredentialState, Page } from "../ApiTypes";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { statusChip } from "../statusChip";
import type { ConsoleContext, View } from "../View";

const PAGE = 50;
const STATES: CredentialState[] = ["valid", "revoked", "superseded", "pending"];

/**
 * Credentials across batches or of one batch, searched by student id, name in either language or credential id,
 * filtered by state, 50 a page with a cursor (a batch of 50,000 is never loaded whole). The search lives in the
 * address (#/credentials?q=…&status=…&batch=…), so a result can be bookmarked and Back works.
 */
export function credentialsView(ctx: ConsoleContext): View {
  const element = h("section", {
    "aria-labelledby": "credentials-heading",
    class: "view",
  });
  let params = new URLSearchParams();
  let page: Page<CredentialRow> | null = null;
  /** Cursors of the pages before this one, for "Previous". */
  let before: (string | null)[] = [];
  let cursor: string | null = null;
  let message: (() => string) | null = null;

  async function load(): Promise<void> {
    const query = new URLSearchParams({ limit: String(PAGE) });
    for (const name of ["q", "status", "batch"]) {
      const value = params.get(name);
      if (value) query.set(name, value);
    }
    if (cursor !== null) query.set("cursor", cursor);
    try {
      page = await api.get<Page<CredentialRow>>(`/credentials?${query}`);
      message = null;
    } catch (error) {
      page = null;
      message = () => errorText(error);
    }
    render();
  }

  function search(form: HTMLFormElement): void {
    const data = new FormData(form);
    const next = new URLSearchParams();
    const q = String(data.get("q") ?? "").trim();
    const status = String(data.get("status") ?? "");
    if (q) next.set("q", q);
    if (status) next.set("status", status);
    const batch = params.get("batch");
    if (batch) next.set("batch", batch);
    ctx.go(`#/credentials${next.size > 0 ? `?${next}` : ""}`);
  }

  function results(): HTMLElement | null {
    if (page === null) return null;
    if (page.items.length === 0) return h("p", {}, i18n.t("console.credentials.none"));
    const first = before.length * PAGE + 1;
    const last = first + page.items.length - 1;
    const name = (row: CredentialRow) => (i18n.language === "en" ? row.nameEn : row.nameZh);
    const other = (row: CredentialRow) => (i18n.language === "en" ? row.nameZh : row.nameEn);
    const columns = ["console.field.studentId", "console.field.name", "console.field.degree", "console.field.awardDate", "console.field.status"] as const;
    return h(
      "div",
      {},
      h(
        "p",
        { id: "credentials-range" },
        page.total === undefined
          ? i18n.t("console.credentials.range", {
              first: i18n.count(first),
              last: i18n.count(last),
            })
          : i18n.t("console.credentials.rangeOf", {
              first: i18n.count(first),
              last: i18n.count(last),
              total: i18n.count(page.total),
            }),
      ),
      h(
        "table",
        { class: "stack", "aria-describedby": "credentials-range" },
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
          page.items.map((row) =>
            h(
              "tr",
              {},
              h("td", { "data-label": i18n.t(columns[0]) }, h("code", {}, row.studentId)),
              h(
                "th",
                { scope: "row", "data-label": i18n.t(columns[1]) },
                h("a", { href: `#/credential/${encodeURIComponent(row.id)}` }, name(row)),
                h("span", { class: "help" }, ` ${other(row)}`),
              ),
              h("td", { "data-label": i18n.t(columns[2]) }, i18n.language === "en" ? row.degreeEn : row.degreeZh),
              h("td", { "data-label": i18n.t(columns[3]) }, i18n.date(row.awardDate)),
              h("td", { "data-label": i18n.t(columns[4]) }, statusChip(row.status)),
            ),
          ),
        ),
      ),
      h(
        "nav",
        {
          class: "button-row pager",
          "aria-label": i18n.t("console.credentials.pages"),
        },
        before.length === 0 ? null : h("button", { type: "button", class: "button", onclick: () => void turn(-1) }, i18n.t("console.previous")),
        page.nextCursor === null ? null : h("button", { type: "button", class: "button", onclick: () => void turn(1) }, i18n.t("console.next")),
      ),
    );
  }

  async function turn(direction: 1 | -1): Promise<void> {
    if (direction === 1 && page?.nextCursor) {
      before.push(cursor);
      cursor = page.nextCursor;
    } else if (direction === -1) cursor = before.pop() ?? null;
    await load();
    element.querySelector<HTMLElement>("#credentials-range")?.focus();
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
        h("label", { for: "credential-status" }, i18n.t("console.field.status")),
        h(
          "select",
          { id: "credential-status", name: "status" },
          h("option", { value: "" }, i18n.t("console.status.all")),
          STATES.map((state) => h("option", { value: state, selected: params.get("status") === state }, i18n.t(`console.status.${state}`))),
        ),
      ),
      h("div", { class: "search__go" }, h("button", { type: "submit", class: "button button--primary" }, i18n.t("console.credentials.find"))),
    ) as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search(form);
    });
    const withoutBatch = new URLSearchParams(params);
    withoutBatch.delete("batch");
    fill(element, [
      h("h2", { id: "credentials-heading", tabindex: -1 }, i18n.t("console.credentials.heading")),
      batch
        ? h(
            "p",
            { class: "filter" },
            i18n.t("console.credentials.inBatch", { batch }),
            " ",
            h(
              "a",
              {
                href: `#/credentials${withoutBatch.size > 0 ? `?${withoutBatch}` : ""}`,
              },
              i18n.t("console.credentials.allBatches"),
            ),
          )
        : null,
      form,
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? ""),
      results(),
    ]);
    element.querySelector("#credentials-range")?.setAttribute("tabindex", "-1");
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
