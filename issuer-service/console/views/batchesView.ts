import type { MessageKey } from "../../i18n/en";
import { api } from "../api";
import type { Batch, CredentialState, Page } from "../ApiTypes";
import { confirmAction } from "../confirmAction";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { reasonFields } from "../reasonFields";
import { statusChip } from "../statusChip";
import type { ConsoleContext, View } from "../View";

const STATES: CredentialState[] = ["valid", "revoked", "superseded", "pending"];
const PAGE = 20;

/**
 * Every batch of the university, however it was issued (API upload, CLI import, `npm start`): its label, how many of
 * its credentials are in each state, and the way to its credentials, its ZIP and (revoker) its revocation.
 */
export function batchesView(ctx: ConsoleContext): View {
  const element = h("section", {
    "aria-labelledby": "batches-heading",
    class: "view",
  });
  let batches: Batch[] = [];
  let nextCursor: string | null = null;
  let message: (() => string) | null = null;

  async function load(reset: boolean): Promise<void> {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (!reset && nextCursor !== null) query.set("cursor", nextCursor);
    try {
      const page = await api.get<Page<Batch>>(`/batches?${query}`);
      batches = reset ? page.items : [...batches, ...page.items];
      nextCursor = page.nextCursor;
      message = null;
    } catch (error) {
      message = () => errorText(error);
    }
    render();
  }

  async function download(batch: Batch): Promise<void> {
    try {
      const blob = await api.blob(`/batches/${encodeURIComponent(batch.id)}/credentials`);
      const link = h("a", {
        href: URL.createObjectURL(blob),
        download: `${batch.label ?? batch.id}.zip`,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      message = () => errorText(error);
      render();
    }
  }

  async function revoke(batch: Batch): Promise<void> {
    const fields = reasonFields("batch-revoke");
    const confirmed = await confirmAction({
      title: i18n.t("console.batch.revokeTitle", {
        batch: batch.label ?? batch.id,
      }),
      consequences: [
        i18n.t("console.batch.revokeChain", {
          count: i18n.count(batch.counts.credentials),
        }),
        i18n.t("console.revoke.final"),
      ],
      confirmLabel: i18n.t("console.batch.revokeConfirm", {
        count: i18n.count(batch.counts.credentials),
      }),
      danger: true,
      fields: fields.elements,
    });
    if (!confirmed) return;
    try {
      const result = await api.post<{ transaction: string | null }>(`/batches/${encodeURIComponent(batch.id)}/revoke`, fields.value());
      message = () =>
        i18n.t("console.revoke.done", {
          transaction: result.transaction ?? "—",
        });
      await load(true);
    } catch (error) {
      message = () => errorText(error);
      render();
    }
  }

  function row(batch: Batch): HTMLTableRowElement {
    const name = batch.label ?? batch.id;
    const counts = STATES.filter((state) => (batch.counts[state] ?? 0) > 0).map((state) => statusChip(state, batch.counts[state]));
    const actions = h("div", { class: "button-row" });
    if (batch.state === "published") {
      actions.append(
        h(
          "a",
          {
            class: "button",
            href: `#/credentials?batch=${encodeURIComponent(batch.id)}`,
            "aria-label": i18n.t("console.batch.credentialsLabel", {
              batch: name,
            }),
          },
          i18n.t("console.batch.credentials"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "button",
            "aria-label": i18n.t("console.batch.downloadLabel", {
              batch: name,
            }),
            onclick: () => void download(batch),
          },
          i18n.t("console.batch.download"),
        ),
      );
      if (ctx.can("revoker") && (batch.counts.valid ?? batch.counts.credentials) > 0) {
        actions.append(
          h(
            "button",
            {
              type: "button",
              class: "button button--danger",
              "aria-label": i18n.t("console.batch.revokeLabel", {
                batch: name,
              }),
              onclick: () => void revoke(batch),
            },
            i18n.t("console.batch.revoke"),
          ),
        );
      }
    }
    return h(
      "tr",
      {},
      h(
        "th",
        { scope: "row", "data-label": i18n.t("console.batches.label") },
        h("span", { class: "batch-name" }, name),
        batch.label === null ? null : h("span", { class: "help batch-id" }, batch.id),
      ),
      h(
        "td",
        { "data-label": i18n.t("console.batches.state") },
        i18n.t(`state.${batch.state}` as MessageKey),
        batch.state === "failed" && batch.error ? h("span", { class: "help" }, ` ${batch.error}`) : null,
      ),
      h(
        "td",
        { "data-label": i18n.t("console.batches.counts") },
        h("span", { class: "chips" }, counts.length > 0 ? counts : i18n.count(batch.counts.credentials)),
      ),
      h("td", { "data-label": i18n.t("console.batches.source") }, i18n.t(`console.source.${batch.source ?? "api"}`)),
      h("td", { "data-label": i18n.t("console.batches.created") }, i18n.date(batch.createdAt)),
      h("td", { "data-label": i18n.t("console.batches.actions") }, actions),
    );
  }

  function render(): void {
    const columns = [
      "console.batches.label",
      "console.batches.state",
      "console.batches.counts",
      "console.batches.source",
      "console.batches.created",
      "console.batches.actions",
    ] as const;
    fill(element, [
      h(
        "div",
        { class: "view-head" },
        h("h2", { id: "batches-heading", tabindex: -1 }, i18n.t("console.batches.heading")),
        h("button", { type: "button", class: "button", onclick: () => void load(true) }, i18n.t("console.refresh")),
      ),
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? ""),
      batches.length === 0
        ? h("p", {}, i18n.t("console.batches.empty"))
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
            h("tbody", {}, batches.map(row)),
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
