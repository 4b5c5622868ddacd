import { CREDENTIAL_KINDS, type CredentialKind } from "@credanchor/core/protocol";
import type { MessageKey } from "../../i18n/en";
import { api } from "../api";
import type { Batch, CredentialState } from "../ApiTypes";
import { confirmAction } from "../confirmAction";
import { CursorList } from "../CursorList";
import { dataTable } from "../dataTable";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { listHead } from "../listHead";
import { reasonFields } from "../reasonFields";
import { statusChip } from "../statusChip";
import type { ConsoleContext, View } from "../View";

const STATES: CredentialState[] = ["valid", "revoked", "superseded", "pending"];

/**
 * Every batch of the university, however it was issued (API upload, CLI import, `npm start`), of every kind or of
 * the one chosen: its label and kind, how many of its credentials are in each state, and the way to its credentials,
 * its ZIP and (revoker) its revocation.
 */
export function batchesView(ctx: ConsoleContext): View {
  const element = h("section", { "aria-labelledby": "batches-heading", class: "view" });
  let kind: CredentialKind | "" = "";
  let list = new CursorList<Batch>("/batches", { limit: "20" });
  let message: (() => string) | null = null;
  const load = async (reset: boolean) => {
    await list.load(reset);
    render();
  };

  async function download(batch: Batch): Promise<void> {
    try {
      const blob = await api.blob(`/batches/${encodeURIComponent(batch.id)}/credentials`);
      const link = h("a", { href: URL.createObjectURL(blob), download: `${batch.label ?? batch.id}.zip` });
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
    const count = i18n.count(batch.counts.valid ?? batch.counts.credentials);
    const confirmed = await confirmAction({
      title: i18n.t("console.batch.revokeTitle", { batch: batch.label ?? batch.id }),
      consequences: [i18n.t("console.batch.revokeChain", { count }), i18n.t("console.revoke.verifiers"), i18n.t("console.revoke.final")],
      confirmLabel: i18n.t("console.batch.revokeConfirm", { count }),
      danger: true,
      fields: fields.elements,
    });
    if (!confirmed) return;
    try {
      const result = await api.post<{ transaction: string | null }>(`/batches/${encodeURIComponent(batch.id)}/revoke`, fields.value());
      message = () => i18n.t("console.revoke.done", { transaction: result.transaction ?? "—" });
    } catch (error) {
      message = () => errorText(error);
    }
    await load(true);
  }

  function actions(batch: Batch): HTMLElement | null {
    if (batch.state !== "published") return null;
    const name = batch.label ?? batch.id;
    const row = h(
      "div",
      { class: "button-row" },
      h(
        "a",
        {
          class: "button",
          href: `#/credentials?batch=${encodeURIComponent(batch.id)}`,
          "aria-label": i18n.t("console.batch.credentialsLabel", { batch: name }),
        },
        i18n.t("console.batch.credentials"),
      ),
    );
    if (ctx.can("registrar")) {
      row.append(
        h(
          "button",
          { type: "button", class: "button", "aria-label": i18n.t("console.batch.downloadLabel", { batch: name }), onclick: () => void download(batch) },
          i18n.t("console.batch.download"),
        ),
      );
    }
    if (ctx.can("revoker") && (batch.counts.valid ?? batch.counts.credentials) > 0) {
      row.append(
        h(
          "button",
          {
            type: "button",
            class: "button button--danger",
            "aria-label": i18n.t("console.batch.revokeLabel", { batch: name }),
            onclick: () => void revoke(batch),
          },
          i18n.t("console.batch.revoke"),
        ),
      );
    }
    return row;
  }

  /** The kind filter: choosing one reads the list again from its first page. */
  function kindFilter(): HTMLElement {
    const select = h(
      "select",
      { id: "batch-kind" },
      h("option", { value: "" }, i18n.t("console.kind.all")),
      CREDENTIAL_KINDS.map((value) => h("option", { value, selected: kind === value }, i18n.t(`kind.${value}`))),
    );
    select.addEventListener("change", () => {
      kind = select.value as CredentialKind | "";
      list = new CursorList<Batch>("/batches", { limit: "20", ...(kind === "" ? {} : { kind }) });
      void load(true);
    });
    return h("div", { class: "filter-row" }, h("label", { for: "batch-kind" }, i18n.t("console.field.kind")), select);
  }

  function render(): void {
    const counts = (batch: Batch) => {
      // The API counts a superseded credential among the revoked too (it is revoked on chain); a chip counts it once.
      const shown = { ...batch.counts, revoked: (batch.counts.revoked ?? 0) - (batch.counts.superseded ?? 0) };
      const chips = STATES.filter((state) => (shown[state] ?? 0) > 0).map((state) => statusChip(state, shown[state]));
      return h("span", { class: "chips" }, chips.length > 0 ? chips : i18n.count(batch.counts.credentials));
    };
    fill(element, [
      listHead("batches-heading", "console.batches.heading", () => void load(true), message?.() ?? list.failure?.() ?? ""),
      kindFilter(),
      list.items.length === 0
        ? h("p", {}, i18n.t("console.batches.empty"))
        : dataTable<Batch>(
            [
              {
                heading: "console.batches.label",
                rowHeader: true,
                cell: (batch) => [
                  h("span", { class: "batch-name" }, batch.label ?? batch.id),
                  batch.label === null ? null : h("span", { class: "help batch-id" }, batch.id),
                ],
              },
              { heading: "console.field.kind", cell: (batch) => i18n.t(`kind.${batch.kind}`) },
              {
                heading: "console.batches.state",
                cell: (batch) => [
                  i18n.t(`state.${batch.state}` as MessageKey),
                  batch.state === "failed" && batch.error ? h("span", { class: "help" }, ` ${batch.error}`) : null,
                ],
              },
              { heading: "console.batches.counts", cell: counts },
              { heading: "console.batches.source", cell: (batch) => i18n.t(`console.source.${batch.source}`) },
              { heading: "console.batches.created", cell: (batch) => i18n.date(batch.createdAt) },
              { heading: "console.batches.actions", cell: actions },
            ],
            list.items,
          ),
      list.nextCursor === null ? null : h("button", { type: "button", class: "button", onclick: () => void load(false) }, i18n.t("console.more")),
    ]);
  }

  return {
    element,
    async open() {
      message = null;
      render();
      await load(true);
    },
    render,
  };
}
