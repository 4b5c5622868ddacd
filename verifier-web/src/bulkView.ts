import type { LocalisedText, ReportStatus } from "@credanchor/core/protocol";
import { toCsv } from "./csv";
import { byId, h } from "./dom";
import { download } from "./download";
import { language, t, type MessageKey } from "./i18n";
import { statusIcon } from "./icons";
import type { BulkRow, SkippedFile } from "./workerProtocol";

type Filter = "ALL" | ReportStatus;
const STATUSES: ReportStatus[] = ["VALID", "INVALID", "ERROR"];
const DRAW_INTERVAL_MS = 250;
const COLUMNS: MessageKey[] = ["web.bulk.colFile", "web.bulk.colName", "web.bulk.colUniversity", "web.bulk.colVerdict", "web.bulk.colFailure"];

function localised(text: LocalisedText | null): string {
  return text === null ? "" : text[language()];
}

/**
 * The bulk table: rows arrive from the worker in any order and are drawn at most once per animation frame, so
 * hundreds of results never block input. Filtering and export work on the rows received so far.
 */
export class BulkView {
  private rows: (BulkRow | undefined)[] = [];
  private received = 0;
  private finished = false;
  private problems: string[] = [];
  private skipped: SkippedFile[] = [];
  private filter: Filter = "ALL";
  private drawScheduled = false;
  /** Table rows already built, by row index; rebuilt only when the language changes. */
  private built = new Map<number, HTMLTableRowElement>();
  private builtFor: string | undefined;

  private readonly section = byId("bulk");
  private readonly progress = byId<HTMLProgressElement>("bulk-progress");
  private readonly progressLabel = byId("bulk-progress-label");
  private readonly summary = byId("bulk-summary");
  private readonly problemList = byId("bulk-problems");
  private readonly filterSelect = byId<HTMLSelectElement>("bulk-filter");
  private readonly head = byId<HTMLTableSectionElement>("bulk-head");
  private readonly body = byId<HTMLTableSectionElement>("bulk-body");
  private readonly exportButton = byId<HTMLButtonElement>("bulk-export");

  constructor() {
    this.filterSelect.addEventListener("change", () => {
      this.filter = this.filterSelect.value as Filter;
      this.draw();
    });
    this.exportButton.addEventListener("click", () => this.exportCsv());
  }

  start(total: number, unreadableZips: string[], skipped: SkippedFile[]): void {
    this.skipped = skipped;
    this.rows = new Array<BulkRow | undefined>(total);
    this.built.clear();
    this.received = 0;
    this.finished = false;
    this.filter = "ALL";
    this.problems = unreadableZips.map((file) => t("web.bulk.badZip", { file }));
    if (total === 0) this.problems.push(t("web.bulk.noFiles"));
    this.section.hidden = false;
    this.draw();
  }

  add(rows: { index: number; row: BulkRow }[]): void {
    for (const { index, row } of rows) this.rows[index] = row;
    this.received += rows.length;
    this.scheduleDraw();
  }

  finish(): void {
    this.finished = true;
    this.draw();
  }

  fail(message: string): void {
    this.problems.push(message);
    this.finish();
  }

  hide(): void {
    this.section.hidden = true;
  }

  /** Redraws a few times a second while rows stream in: often enough to show progress, rarely enough to stay smooth. */
  private scheduleDraw(): void {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    setTimeout(
      () =>
        requestAnimationFrame(() => {
          this.drawScheduled = false;
          this.draw();
        }),
      DRAW_INTERVAL_MS,
    );
  }

  private allRows(): BulkRow[] {
    return this.rows.filter((row): row is BulkRow => row !== undefined);
  }

  private visible(): { index: number; row: BulkRow }[] {
    const visible: { index: number; row: BulkRow }[] = [];
    this.rows.forEach((row, index) => {
      if (row !== undefined && (this.filter === "ALL" || row.status === this.filter)) visible.push({ index, row });
    });
    return visible;
  }

  private counts(): Record<ReportStatus, number> {
    const counts = { VALID: 0, INVALID: 0, ERROR: 0 };
    for (const row of this.allRows()) counts[row.status] += 1;
    return counts;
  }

  /** Redraws from state; also called when the language changes. */
  draw(): void {
    if (this.section.hidden) return;
    const total = this.rows.length;
    const counts = this.counts();
    this.progress.max = Math.max(total, 1);
    this.progress.value = this.received;
    this.progressLabel.textContent = t("web.bulk.progress", { done: this.received, total });
    // Announced once, when the run is complete, rather than on every progress step.
    this.summary.textContent = this.finished ? t("web.bulk.summary", { valid: counts.VALID, invalid: counts.INVALID, error: counts.ERROR }) : "";
    const problems = [...this.problems, ...this.skipped.map(({ file, what }) => t("web.bulk.skipped", { file, what }))];
    this.problemList.hidden = problems.length === 0;
    this.problemList.replaceChildren(...problems.map((problem) => h("li", { class: "bulk-problem" }, problem)));

    this.filterSelect.replaceChildren(
      h("option", { value: "ALL" }, `${t("web.bulk.filterAll")} (${this.received})`),
      ...STATUSES.map((status) => h("option", { value: status }, `${t(`report.${status}`)} (${counts[status]})`)),
    );
    this.filterSelect.value = this.filter;
    this.exportButton.disabled = this.received === 0;

    const labels = COLUMNS.map((key) => t(key));
    this.head.replaceChildren(h("tr", {}, ...labels.map((label) => h("th", { scope: "col" }, label))));
    if (this.builtFor !== language()) {
      this.built.clear();
      this.builtFor = language();
    }
    const visible = this.visible();
    // Rows are built once and reused: redrawing several times a second must not rebuild hundreds of rows each time.
    const rowElement = ({ index, row }: { index: number; row: BulkRow }) => {
      let element = this.built.get(index);
      if (element === undefined) {
        element = this.buildRow(row, labels);
        this.built.set(index, element);
      }
      return element;
    };
    this.body.replaceChildren(
      ...(visible.length === 0 && this.received > 0
        ? [h("tr", {}, h("td", { colspan: String(COLUMNS.length) }, t("web.bulk.noRows")))]
        : visible.map(rowElement)),
    );
  }

  private buildRow(row: BulkRow, labels: string[]): HTMLTableRowElement {
    return h(
      "tr",
      { "data-status": row.status },
      h("td", { "data-label": labels[0] ?? "", class: "file" }, row.file),
      h("td", { "data-label": labels[1] ?? "" }, localised(row.name)),
      h("td", { "data-label": labels[2] ?? "" }, localised(row.university)),
      h(
        "td",
        { "data-label": labels[3] ?? "" },
        h("span", { class: `badge badge--${row.status}` }, statusIcon(row.status, "badge__icon"), t(`report.${row.status}`)),
      ),
      h(
        "td",
        { "data-label": labels[4] ?? "" },
        row.failure &&
          h(
            "span",
            { class: "failure" },
            h("strong", {}, t(`checkName.${row.failure.check}` as MessageKey)),
            " ",
            h("code", {}, row.failure.code),
            h("span", { class: "failure__message" }, row.failure.message[language()]),
          ),
      ),
    );
  }

  private exportCsv(): void {
    const field = (key: MessageKey, lang: "english" | "chinese") => t(`web.field.${lang}`, { field: t(key) });
    const header = [
      t("web.bulk.colFile"),
      field("web.bulk.colName", "english"),
      field("web.bulk.colName", "chinese"),
      field("web.bulk.colUniversity", "english"),
      field("web.bulk.colUniversity", "chinese"),
      t("web.bulk.colVerdict"),
      t("web.bulk.colFailure"),
      t("web.bulk.colCode"),
      t("web.bulk.colExplanation"),
    ];
    const lines = this.visible().map(({ row }) => [
      row.file,
      row.name?.en ?? "",
      row.name?.["zh-Hant"] ?? "",
      row.university?.en ?? "",
      row.university?.["zh-Hant"] ?? "",
      row.status,
      row.failure?.check ?? "",
      row.failure?.code ?? "",
      row.failure?.message[language()] ?? "",
    ]);
    download(`credanchor-verification-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv;charset=utf-8", toCsv([header, ...lines]));
  }
}
