import { type GraduateRecord, type KindRecord, type LetterRecord, LetterTemplate, type TranscriptRecord } from "@credanchor/core/issue";
import { CREDENTIAL_KINDS, type CredentialKind, renderLetter, TRANSCRIPT_SECTIONS, type TranscriptSection } from "@credanchor/core/protocol";
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
import { transcriptFacts } from "../transcriptFacts";
import type { View } from "../View";

type Mode = "issue" | "correction";
interface Chosen {
  name: string;
  bytes: Uint8Array;
  type: string;
}
type Phase =
  | { kind: "idle" }
  | { kind: "needs"; part: "scale" | "template" }
  | { kind: "checking" }
  | { kind: "refused"; problems: RowProblem[]; total: number }
  | { kind: "preview"; dryRun: DryRun }
  | { kind: "issuing"; batch: Batch | null }
  | { kind: "failed"; message: () => string };

const PREVIEW_ROWS = 5;

/** The default cohort label: the file's name without its extension. */
const labelOf = (fileName: string) => fileName.replace(/\.(csv|json)$/i, "");

/** The part besides the file that a kind's upload needs (SPEC §12): a transcript's grading scale, a letter's template. */
const PART_OF_KIND: Record<CredentialKind, "scale" | "template" | null> = { award: null, transcript: "scale", letter: "template" };

/**
 * Upload: choose the kind (award certificates, transcripts, letters), with a transcript's grading scale and the
 * sections holders may hide or a letter's template; choose or drop a CSV/JSON file, label it, and let the service
 * check it without storing anything (dry run). Problems come back once each with row, column and the bad value, and
 * so do the rows the credential lifecycle would refuse (a student who already holds or held a credential of the
 * kind); a clean file shows its first records as an employer will see them, and only then does "Issue" anchor it.
 */
export function uploadView(context: ConsoleContext): View {
  // A correction revokes the replaced credentials on chain: registrar and revoker together (or admin), as the service asks.
  const mayCorrect = context.can("registrar") && context.can("revoker");
  const element = h("section", { "aria-labelledby": "upload-heading", class: "view" });
  let chosen: Chosen | null = null;
  let label = "";
  let mode: Mode = "issue";
  let kind: CredentialKind = "award";
  const parts: Record<"scale" | "template", Chosen | null> = { scale: null, template: null };
  let hideable = new Set<TranscriptSection>(TRANSCRIPT_SECTIONS);
  let phase: Phase = { kind: "idle" };

  const query = (dryRun: boolean) => {
    const params = new URLSearchParams({ kind, label: label.trim() || labelOf(chosen?.name ?? ""), mode });
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

  /** The upload's body: an award file as it is; a transcript or letter file as a form with its scale or template. */
  function body(upload: Chosen): Uint8Array | FormData {
    const part = PART_OF_KIND[kind];
    if (part === null) return upload.bytes;
    const form = new FormData();
    form.append("file", new Blob([upload.bytes as Uint8Array<ArrayBuffer>], { type: upload.type }), upload.name);
    const extra = parts[part]!;
    form.append(part, new Blob([extra.bytes as Uint8Array<ArrayBuffer>], { type: "application/json" }), extra.name);
    if (kind === "transcript") form.append("hideable", TRANSCRIPT_SECTIONS.filter((section) => hideable.has(section)).join(","));
    return form;
  }
  const headersOf = (upload: Chosen): Record<string, string> => (PART_OF_KIND[kind] === null ? { "content-type": upload.type } : {});

  async function check(): Promise<void> {
    if (chosen === null) return;
    const part = PART_OF_KIND[kind];
    if (part !== null && parts[part] === null) {
      phase = { kind: "needs", part };
      render();
      return;
    }
    phase = { kind: "checking" };
    render();
    try {
      const dryRun = await api.post<DryRun>(query(true), body(chosen), headersOf(chosen));
      phase = dryRun.warnings.length > 0 ? { kind: "refused", problems: dryRun.warnings, total: dryRun.warnings.length } : { kind: "preview", dryRun };
    } catch (error) {
      phase = failed(error);
    }
    render();
    element.querySelector<HTMLElement>("#upload-result")?.focus();
  }

  const read = async (file: File): Promise<Chosen> => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type: /\.json$/i.test(file.name) ? "application/json" : "text/csv" });

  async function choose(file: File): Promise<void> {
    chosen = await read(file);
    label = labelOf(file.name);
    await check();
  }

  async function choosePart(part: "scale" | "template", file: File): Promise<void> {
    parts[part] = await read(file);
    if (chosen === null) render();
    else await check();
  }

  async function issue(): Promise<void> {
    if (chosen === null) return;
    const upload = chosen;
    phase = { kind: "issuing", batch: null };
    render();
    try {
      const batch = await api.post<Batch>(query(false), body(upload), { ...headersOf(upload), "idempotency-key": crypto.randomUUID() });
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

  const both = (en: string, zh: string) => (i18n.language === "en" ? `${en} · ${zh}` : `${zh} · ${en}`);

  function awardFacts(record: GraduateRecord): [string, string][] {
    const facts: [string, string][] = [
      [i18n.t("console.field.degree"), both(record.degreeEn, record.degreeZh)],
      [i18n.t("console.field.major"), both(record.majorEn, record.majorZh)],
    ];
    if (record.honoursEn !== undefined && record.honoursZh !== undefined)
      facts.push([i18n.t("console.field.honours"), both(record.honoursEn, record.honoursZh)]);
    facts.push([i18n.t("console.field.awardDate"), i18n.date(record.awardDate)]);
    return facts;
  }

  /**
   * A letter as it will read, in the console's language: the template's title and body filled with the row's fields
   * (core's renderLetter, as the verifier shows it), then the fields as the file gave them.
   */
  function letterFacts(record: LetterRecord): [string, string][] {
    const fields: [string, string][] = Object.entries(record.fields).map(([field, value]) => [field, typeof value === "string" ? value : both(value.en, value["zh-Hant"])]);
    const template = parts.template === null ? null : LetterTemplate.safeParse(JSON.parse(new TextDecoder().decode(parts.template.bytes)));
    if (template?.success !== true) return fields;
    const letter = { credentialSubject: { studentId: record.studentId, name: record.name, letter: { template: template.data.id, title: template.data.title, body: template.data.body, fields: record.fields } } };
    const { title, body } = renderLetter(letter as Parameters<typeof renderLetter>[0], i18n.language);
    return [[i18n.t("console.field.letter"), title], [i18n.t("console.field.letterText"), body], ...fields];
  }

  function previewCard(record: KindRecord): HTMLElement {
    const [nameEn, nameZh] = "nameEn" in record ? [record.nameEn, record.nameZh] : [record.name.en, record.name["zh-Hant"]];
    const facts: [string, string][] = [
      [i18n.t("console.field.studentId"), record.studentId],
      ...(kind === "transcript" ? transcriptFacts(record as TranscriptRecord) : kind === "letter" ? letterFacts(record as LetterRecord) : awardFacts(record as GraduateRecord)),
    ];
    return h(
      "li",
      { class: "preview-card" },
      h("p", { class: "preview-card__name" }, both(nameEn, nameZh)),
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
      case "needs":
        return h("p", { class: "help" }, i18n.t(phase.part === "scale" ? "console.upload.needsScale" : "console.upload.needsTemplate"));
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
          h("p", { class: "ok" }, i18n.t(mode === "correction" ? "console.upload.validCorrection" : kind === "award" ? "console.upload.valid" : `console.upload.valid.${kind}`, { count, file })),
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

  /** The scale (and hideable sections) of a transcript upload, the template of a letter upload. */
  function kindParts(): HTMLElement | null {
    const part = PART_OF_KIND[kind];
    if (part === null) return null;
    const input = h("input", { id: `${part}-file`, class: "visually-hidden", type: "file", accept: ".json,application/json", "aria-describedby": `${part}-help` });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) void choosePart(part, file);
    });
    const chosenPart = parts[part];
    const sections =
      kind === "transcript"
        ? h(
            "fieldset",
            {},
            h("legend", {}, i18n.t("console.upload.hideable")),
            TRANSCRIPT_SECTIONS.map((section) => {
              const box = h("input", { type: "checkbox", id: `hideable-${section}`, checked: hideable.has(section) });
              box.addEventListener("change", () => {
                hideable = new Set(TRANSCRIPT_SECTIONS.filter((each) => (each === section ? box.checked : hideable.has(each))));
                void check();
              });
              return h("div", { class: "choice" }, box, h("label", { for: `hideable-${section}` }, i18n.t(`console.section.${section}`)));
            }),
          )
        : null;
    return h(
      "div",
      { class: "form-grid kind-parts" },
      h(
        "div",
        {},
        h("p", { class: "part-name" }, i18n.t(part === "scale" ? "console.upload.scale" : "console.upload.template")),
        input,
        h("label", { for: `${part}-file`, class: "button" }, i18n.t(part === "scale" ? "console.upload.chooseScale" : "console.upload.chooseTemplate")),
        chosenPart === null ? null : h("p", { class: "ok" }, i18n.t("console.upload.chosenPart", { file: chosenPart.name })),
        h("p", { id: `${part}-help`, class: "help" }, i18n.t(part === "scale" ? "console.upload.scaleHelp" : "console.upload.templateHelp")),
      ),
      sections,
    );
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
      h("p", { id: "drop-help" }, i18n.t(kind === "award" ? "console.upload.drop" : `console.upload.drop.${kind}`)),
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
    const kindChoice = (value: CredentialKind) => {
      const input = h("input", { type: "radio", name: "kind", id: `kind-${value}`, value, checked: kind === value, "aria-describedby": `kind-${value}-help` });
      input.addEventListener("change", () => {
        kind = value;
        void (chosen === null ? render() : check());
      });
      return h(
        "div",
        { class: "choice" },
        input,
        h("div", {}, h("label", { for: `kind-${value}` }, i18n.t(`kind.${value}`)), h("p", { id: `kind-${value}-help`, class: "help" }, i18n.t(`console.upload.kindHelp.${value}`))),
      );
    };
    fill(element, [
      h("h2", { id: "upload-heading", tabindex: -1 }, i18n.t("console.upload.heading")),
      h("fieldset", { class: "kinds" }, h("legend", {}, i18n.t("console.upload.kind")), CREDENTIAL_KINDS.map(kindChoice)),
      kindParts(),
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
