import type { GraduateRecord } from "@credanchor/core/issue";
import { ApiError } from "../ApiError";
import { api } from "../api";
import type { Batch, DryRun } from "../ApiTypes";
import { errorText } from "../errorText";
import { followBatch } from "../followBatch";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import type { RowProblem } from "../RowProblem";
import { rowProblemTable } from "../rowProblemTable";
import type { View } from "../View";

type Mode = "issue" | "correction";
interface Chosen {
  name: string;
  bytes: Uint8Array;
  type: string;
}
type Phase =
  | { kind: "idle" }
  | { kind: "checking" }
  | {
      kind: "invalid";
      problems: RowProblem[];
      total: number;
      alreadyHolds: boolean;
    }
  | { kind: "preview"; dryRun: DryRun }
  | { kind: "issuing"; batch: Batch | null }
  | { kind: "failed"; message: () => string };

const PREVIEW_ROWS = 5;

/** The default cohort label: the file's name without its extension. */
const labelOf = (fileName: string) => fileName.replace(/\.(csv|json)$/i, "");

/**
 * Upload: choose or drop a CSV/JSON file, label it, and let the service check it without storing anything (dry run).
 * Row problems come back once each with the bad value; a clean file shows its first rows as an employer will see
 * them and the students who already hold a credential; only then does "Issue" anchor it.
 */
export function uploadView(): View {
  const element = h("section", {
    "aria-labelledby": "upload-heading",
    class: "view",
  });
  let chosen: Chosen | null = null;
  let label = "";
  let mode: Mode = "issue";
  let phase: Phase = { kind: "idle" };

  const query = (dryRun: boolean) => {
    const params = new URLSearchParams({
      label: label.trim() || labelOf(chosen?.name ?? ""),
      mode,
    });
    if (dryRun) params.set("dryRun", "true");
    return `/batches?${params}`;
  };

  async function check(): Promise<void> {
    if (chosen === null) return;
    phase = { kind: "checking" };
    render();
    try {
      const dryRun = await api.post<DryRun>(query(true), chosen.bytes, {
        "content-type": chosen.type,
      });
      phase = { kind: "preview", dryRun };
    } catch (error) {
      if (error instanceof ApiError && error.code === "INVALID_ROWS") {
        const { items, total } = error.rowProblems();
        phase = {
          kind: "invalid",
          problems: items,
          total,
          alreadyHolds: items.some((item) => item.code === "ALREADY_HOLDS"),
        };
      } else phase = { kind: "failed", message: () => errorText(error) };
    }
    render();
    element.querySelector<HTMLElement>("#upload-result")?.focus();
  }

  async function choose(file: File): Promise<void> {
    chosen = {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      type: /\.json$/i.test(file.name) ? "application/json" : "text/csv",
    };
    label = labelOf(file.name);
    await check();
  }

  async function issue(): Promise<void> {
    if (chosen === null) return;
    const upload = chosen;
    phase = { kind: "issuing", batch: null };
    render();
    try {
      const batch = await api.post<Batch>(query(false), upload.bytes, {
        "content-type": upload.type,
        "idempotency-key": crypto.randomUUID(),
      });
      chosen = null;
      await followBatch(batch.id, (latest) => {
        phase = { kind: "issuing", batch: latest };
        render();
      });
    } catch (error) {
      phase = { kind: "failed", message: () => errorText(error) };
      render();
    }
  }

  function previewCard(record: GraduateRecord): HTMLElement {
    const both = (en: string, zh: string) => (i18n.language === "en" ? `${en} · ${zh}` : `${zh} · ${en}`);
    const facts: [string, string][] = [
      [i18n.t("console.field.studentId"), record.studentId],
      [i18n.t("console.field.degree"), both(record.degreeEn, record.degreeZh)],
      [i18n.t("console.field.major"), both(record.majorEn, record.majorZh)],
      ...(record.honoursEn !== undefined && record.honoursZh !== undefined
        ? ([[i18n.t("console.field.honours"), both(record.honoursEn, record.honoursZh)]] as [string, string][])
        : []),
      [i18n.t("console.field.awardDate"), i18n.date(record.awardDate)],
    ];
    return h(
      "li",
      { class: "preview-card" },
      h("p", { class: "preview-card__name" }, both(record.nameEn, record.nameZh)),
      h(
        "dl",
        { class: "facts" },
        facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
      ),
    );
  }

  function result(): HTMLElement | null {
    switch (phase.kind) {
      case "idle":
        return null;
      case "checking":
        return h("p", { class: "busy" }, i18n.t("console.upload.checking", { file: chosen?.name ?? "" }));
      case "failed":
        return h("p", { class: "alert", role: "alert" }, phase.message());
      case "invalid":
        return h(
          "div",
          {},
          h(
            "p",
            { class: "alert" },
            i18n.t("console.upload.invalid", {
              count: i18n.count(phase.total),
              file: chosen?.name ?? "",
            }),
          ),
          phase.alreadyHolds && mode === "issue" ? h("p", { class: "help" }, i18n.t("console.upload.correctionHint")) : null,
          rowProblemTable(phase.problems, phase.total),
        );
      case "preview": {
        const { dryRun } = phase;
        return h(
          "div",
          {},
          h(
            "p",
            { class: "ok" },
            i18n.t(mode === "issue" ? "console.upload.valid" : "console.upload.validCorrection", { count: i18n.count(dryRun.count), file: chosen?.name ?? "" }),
          ),
          dryRun.warnings.length > 0
            ? h(
                "div",
                { class: "warning" },
                h(
                  "h3",
                  {},
                  i18n.t("console.upload.warnings", {
                    count: i18n.count(dryRun.warnings.length),
                  }),
                ),
                h(
                  "ul",
                  {},
                  dryRun.warnings.map((warning) =>
                    h(
                      "li",
                      {},
                      `${i18n.t("console.rows.row")} ${warning.row} (${warning.studentId}): ${warning.message[i18n.language]} `,
                      warning.credential === null
                        ? null
                        : h(
                            "a",
                            {
                              href: `#/credential/${encodeURIComponent(warning.credential)}`,
                            },
                            i18n.t("console.upload.openCredential"),
                          ),
                    ),
                  ),
                ),
              )
            : null,
          h(
            "h3",
            {},
            i18n.t("console.upload.previewHeading", {
              shown: Math.min(PREVIEW_ROWS, dryRun.preview.length),
              count: i18n.count(dryRun.count),
            }),
          ),
          h("p", { class: "help" }, i18n.t("console.upload.previewHelp")),
          h("ol", { class: "preview" }, dryRun.preview.slice(0, PREVIEW_ROWS).map(previewCard)),
          h(
            "div",
            { class: "button-row" },
            h(
              "button",
              {
                type: "button",
                class: "button button--primary",
                id: "issue",
                onclick: () => void issue(),
              },
              i18n.t(mode === "issue" ? "console.upload.issue" : "console.upload.issueCorrection", { count: i18n.count(dryRun.count) }),
            ),
          ),
        );
      }
      case "issuing": {
        const batch = phase.batch;
        const percent = batch?.progress.percent ?? 0;
        const state = batch === null ? i18n.t("console.upload.sending") : i18n.t(`state.${batch.state}` as Parameters<typeof i18n.t>[0]);
        return h(
          "div",
          { class: "progress", "data-state": batch?.state ?? "sending" },
          h("label", { for: "upload-progress" }, i18n.t("console.upload.progress", { state })),
          h("progress", {
            id: "upload-progress",
            max: 100,
            value: percent,
            "aria-valuetext": `${percent}%`,
          }),
          batch?.state === "failed" ? h("p", { class: "alert" }, batch.error ?? "") : null,
          batch !== null && batch.lastError !== null && batch.state !== "failed"
            ? h(
                "p",
                { class: "help" },
                i18n.t("console.upload.retrying", {
                  attempts: batch.attempts,
                  error: batch.lastError,
                }),
              )
            : null,
          batch?.state === "published"
            ? h(
                "p",
                {},
                i18n.t("console.upload.published", {
                  count: i18n.count(batch.counts.credentials),
                }),
                " ",
                h(
                  "a",
                  {
                    href: `#/credentials?batch=${encodeURIComponent(batch.id)}`,
                  },
                  i18n.t("console.upload.viewBatch"),
                ),
              )
            : null,
        );
      }
    }
  }

  function render(): void {
    const fileInput = h("input", {
      id: "file",
      class: "visually-hidden",
      type: "file",
      accept: ".csv,.json,text/csv,application/json",
      "aria-describedby": "drop-help",
    });
    fileInput.addEventListener("change", () => {
      const file = (fileInput as HTMLInputElement).files?.[0];
      if (file) void choose(file);
    });
    const zone = h(
      "div",
      { id: "drop-zone", class: "drop-zone" },
      h("p", { id: "drop-help" }, i18n.t("console.upload.drop")),
      fileInput,
      h("label", { for: "file", class: "button button--primary" }, i18n.t("console.upload.choose")),
    );
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("drop-zone--active");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("drop-zone--active"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("drop-zone--active");
      const dropped = event.dataTransfer?.files[0];
      if (dropped) void choose(dropped);
    });
    const labelInput = h("input", {
      id: "batch-label",
      type: "text",
      maxlength: 200,
      value: label,
      "aria-describedby": "batch-label-help",
    }) as HTMLInputElement;
    labelInput.addEventListener("input", () => (label = labelInput.value));
    const modeChoice = (value: Mode) => {
      const input = h("input", {
        type: "radio",
        name: "mode",
        id: `mode-${value}`,
        value,
        checked: mode === value,
      }) as HTMLInputElement;
      input.addEventListener("change", () => {
        mode = value;
        void check();
      });
      return h("div", { class: "choice" }, input, h("label", { for: `mode-${value}` }, i18n.t(`console.upload.mode.${value}`)));
    };
    fill(element, [
      h("h2", { id: "upload-heading", tabindex: -1 }, i18n.t("console.upload.heading")),
      zone,
      h(
        "div",
        { class: "form-grid" },
        h(
          "div",
          {},
          h("label", { for: "batch-label" }, i18n.t("console.upload.label")),
          labelInput,
          h("p", { id: "batch-label-help", class: "help" }, i18n.t("console.upload.labelHelp")),
        ),
        h("fieldset", {}, h("legend", {}, i18n.t("console.upload.mode")), modeChoice("issue"), modeChoice("correction")),
      ),
      h(
        "div",
        {
          id: "upload-result",
          tabindex: -1,
          role: "status",
          "aria-live": "polite",
        },
        result(),
      ),
    ]);
  }

  return {
    element,
    async open() {
      render();
    },
    render,
  };
}
