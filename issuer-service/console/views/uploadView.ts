import type { GraduateRecord } from "@credanchor/core/issue";
import type { MessageKey } from "../../i18n/en";
import { ApiError } from "../ApiError";
import { api } from "../api";
import type { Batch, DryRun } from "../ApiTypes";
import { errorText } from "../errorText";
import { followBatch } from "../followBatch";
import { h, fill } from "../h";
import { i18n } from "../i18n";
import type { RowProblem } from "../RowProblem";
import type { ConsoleContext } from "../View";
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
  | { kind: "refused"; problems: RowProblem[]; total: number }
  | { kind: "preview"; dryRun: DryRun }
  | { kind: "issuing"; batch: Batch | null }
  | { kind: "failed"; message: () => string };

const PREVIEW_ROWS = 5;

/** The default cohort label: the file's name without its extension. */
const labelOf = (fileName: string) => fileName.replace(/\.(csv|json)$/i, "");

/**
 * Upload: choose or drop a CSV/JSON file, label it, and let the service check it without storing anything (dry run).
 * Problems come back once each with row, column and the bad value, and so do the rows the credential lifecycle would
 * refuse (a student who already holds or held a credential); a clean file shows its first rows as an employer will
 * see them, and only then does "Issue" anchor it.
 */
export function uploadView(context: ConsoleContext): View {
  // A correction revokes the replaced credentials on chain: registrar and revoker together (or admin), as the service asks.
  const mayCorrect = context.can("registrar") && context.can("revoker");
  const element = h("section", { "aria-labelledby": "upload-heading", class: "view" });
  let chosen: Chosen | null = null;
  let label = "";
  let mode: Mode = "issue";
  let phase: Phase = { kind: "idle" };

  const query = (dryRun: boolean) => {
    const params = new URLSearchParams({ label: label.trim() || labelOf(chosen?.name ?? ""), mode });
    if (dryRun) params.set("dryRun", "true");
    return `/batches?${params}`;
  };

  /** A refused upload (422 INVALID_ROWS) as the table of its rows; anything else as one sentence. */
  function failed(error: unknown): Phase {
    if (error instanceof ApiError && error.code === "INVALID_ROWS") {
      const { items, total } = error.rowProblems();
      return { kind: "refused", problems: items, total };
    }
    return { kind: "failed", message: () => errorText(error) };
  }

  async function check(): Promise<void> {
    if (chosen === null) return;
    phase = { kind: "checking" };
    render();
    try {
      const dryRun = await api.post<DryRun>(query(true), chosen.bytes, { "content-type": chosen.type });
      phase = dryRun.warnings.length > 0 ? { kind: "refused", problems: dryRun.warnings, total: dryRun.warnings.length } : { kind: "preview", dryRun };
    } catch (error) {
      phase = failed(error);
    }
    render();
    element.querySelector<HTMLElement>("#upload-result")?.focus();
  }

  async function choose(file: File): Promise<void> {
    chosen = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type: /\.json$/i.test(file.name) ? "application/json" : "text/csv" };
    label = labelOf(file.name);
    await check();
  }

  async function issue(): Promise<void> {
    if (chosen === null) return;
    const upload = chosen;
    phase = { kind: "issuing", batch: null };
    render();
    try {
      const batch = await api.post<Batch>(query(false), upload.bytes, { "content-type": upload.type, "idempotency-key": crypto.randomUUID() });
      chosen = null;
      await followBatch(batch.id, (latest) => {
        phase = { kind: "issuing", batch: latest };
        render();
      });
    } catch (error) {
      // Another upload may have changed a student's credential since the preview: the refusal shows its rows.
      phase = failed(error);
      render();
    }
  }

  function previewCard(record: GraduateRecord): HTMLElement {
    const both = (en: string, zh: string) => (i18n.language === "en" ? `${en} · ${zh}` : `${zh} · ${en}`);
    const facts: [string, string][] = [
      [i18n.t("console.field.studentId"), record.studentId],
      [i18n.t("console.field.degree"), both(record.degreeEn, record.degreeZh)],
      [i18n.t("console.field.major"), both(record.majorEn, record.majorZh)],
    ];
    if (record.honoursEn !== undefined && record.honoursZh !== undefined)
      facts.push([i18n.t("console.field.honours"), both(record.honoursEn, record.honoursZh)]);
    facts.push([i18n.t("console.field.awardDate"), i18n.date(record.awardDate)]);
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

  function progress(batch: Batch | null): HTMLElement {
    const percent = batch?.progress.percent ?? 0;
    const state = batch === null ? i18n.t("console.upload.sending") : i18n.t(`state.${batch.state}` as MessageKey);
    return h(
      "div",
      { class: "progress", "data-state": batch?.state ?? "sending" },
      h("label", { for: "upload-progress" }, i18n.t("console.upload.progress", { state })),
      h("progress", { id: "upload-progress", max: 100, value: percent, "aria-valuetext": `${percent}%` }),
      batch?.state === "failed" ? h("p", { class: "alert" }, batch.error ?? "") : null,
      batch !== null && batch.lastError !== null && batch.state !== "failed"
        ? h("p", { class: "help" }, i18n.t("console.upload.retrying", { attempts: batch.attempts, error: batch.lastError }))
        : null,
      batch?.state === "published"
        ? h(
            "p",
            {},
            i18n.t("console.upload.published", { count: i18n.count(batch.counts.credentials) }),
            " ",
            h("a", { href: `#/credentials?batch=${encodeURIComponent(batch.id)}` }, i18n.t("console.upload.viewBatch")),
          )
        : null,
    );
  }

  function result(): HTMLElement | null {
    const file = chosen?.name ?? "";
    switch (phase.kind) {
      case "idle":
        return null;
      case "checking":
        return h("p", { class: "busy" }, i18n.t("console.upload.checking", { file }));
      case "failed":
        return h("p", { class: "alert", role: "alert" }, phase.message());
      case "refused":
        return h(
          "div",
          {},
          h("p", { class: "alert" }, i18n.t("console.upload.invalid", { count: i18n.count(phase.total), file })),
          mode === "issue" && phase.problems.some((problem) => problem.code === "ALREADY_HOLDS")
            ? h("p", { class: "help" }, i18n.t("console.upload.correctionHint"))
            : null,
          rowProblemTable(phase.problems, phase.total),
        );
      case "preview": {
        const { dryRun } = phase;
        const count = i18n.count(dryRun.count);
        return h(
          "div",
          {},
          h("p", { class: "ok" }, i18n.t(mode === "issue" ? "console.upload.valid" : "console.upload.validCorrection", { count, file })),
          h("h3", {}, i18n.t("console.upload.previewHeading", { shown: Math.min(PREVIEW_ROWS, dryRun.preview.length), count })),
          h("p", { class: "help" }, i18n.t("console.upload.previewHelp")),
          h("ol", { class: "preview" }, dryRun.preview.slice(0, PREVIEW_ROWS).map(previewCard)),
          h(
            "div",
            { class: "button-row" },
            h(
              "button",
              { type: "button", class: "button button--primary", id: "issue", onclick: () => void issue() },
              i18n.t(mode === "issue" ? "console.upload.issue" : "console.upload.issueCorrection", { count }),
            ),
          ),
        );
      }
      case "issuing":
        return progress(phase.batch);
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
      const file = fileInput.files?.[0];
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
    const labelInput = h("input", { id: "batch-label", type: "text", maxlength: 200, value: label, "aria-describedby": "batch-label-help" });
    labelInput.addEventListener("input", () => (label = labelInput.value));
    const modeChoice = (value: Mode) => {
      const input = h("input", { type: "radio", name: "mode", id: `mode-${value}`, value, checked: mode === value });
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
        mayCorrect ? h("fieldset", {}, h("legend", {}, i18n.t("console.upload.mode")), modeChoice("issue"), modeChoice("correction")) : null,
      ),
      h("div", { id: "upload-result", tabindex: -1, role: "status", "aria-live": "polite" }, result()),
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
