import { formatDate, toCsv, type LocalisedText, type ReportStatus } from "@credanchor/core/protocol";
import { byId, h } from "./dom";
import { download } from "./download";
import { language, t, type MessageKey } from "./i18n";
import { statusIcon } from "./icons";
import type { BulkRow, SkippedFile } from "./workerProtocol";

type Filter = "ALL" | ReportStatus;
const STATUSES: ReportStatus[] = ["VALID", "INVALID", "ERROR"];
const DRAW_INTERVAL_MS = 250;
/** Rows drawn in the table at most: beyond that every redraw costs the page too much; the CSV holds every row. */
const MAX_TABLE_ROWS = 500;
const COLUMNS: MessageKey[] = [
  "web.bulk.colFile",
  "field.studentId",
  "web.bulk.colName",
  "web.bulk.colAward",
  "web.bulk.colUniversity",
  "field.awardDate",
  "web.bulk.colVerdict",
  "web.bulk.colBlock",
];

function localised(text: Partial<LocalisedText> | null): string {
  return text?.[language()] ?? "";
}

/**
 * The bulk table: rows arrive from the worker in any order and are drawn at most a few times a second, so
 * thousands of results never block input. Filtering changes the table only: the CSV always holds every row.
 */
export class BulkView {
  private rows: (BulkRow | undefined)[] = [];
  private received = 0;
  private state: "running" | "finished" | "cancelled" = "finished";
  private problems: string[] = [];
  private skipped: SkippedFile[] = [];
  private filter: Filter = "ALL";
  private drawScheduled = false;
  /** Table rows already built, by row index; rebuilt only when the language changes. */
  private built = new Map<number, HTMLTableRowElement>();
  private builtFor: string | undefined;
  /** Row indices in the table body, in order, and the filter and language they were drawn for. */
  private shown: number[] = [];
  private shownKey: string | undefined;

  private readonly section = byId("bulk");
  private readonly progress = byId<HTMLProgressElement>("bulk-progress");
  private readonly progressLabel = byId("bulk-progress-label");
  private readonly summary = byId("bulk-summary");
  private readonly problemList = byId("bulk-problems");
  private readonly filterSelect = byId<HTMLSelectElement>("bulk-filter");
  private readonly head = byId<HTMLTableSectionElement>("bulk-head");
  private readonly body = byId<HTMLTableSectionElement>("bulk-body");
  private readonly exportButton = byId<HTMLButtonElement>("bulk-export");
  private readonly exportNote = byId("bulk-export-note");
  private readonly cancelButton = byId<HTMLButtonElement>("bulk-cancel");
  private readonly tableNote = byId("bulk-table-note");

  /** `cancel` stops the run; `drawn` is told after every redraw (the claims check follows the rows). */
  constructor(
    cancel: () => void,
    private readonly drawn: () => void,
  ) {
    this.filterSelect.addEventListener("change", () => {
      this.filter = this.filterSelect.value as Filter;
      this.draw();
    });
    this.exportButton.addEventListener("click", () => this.exportCsv());
    this.cancelButton.addEventListener("click", () => {
      this.cancelButton.disabled = true;
      cancel();
    });
  }

  start(total: number, unreadableZips: string[], skipped: SkippedFile[]): void {
    this.rows = new Array<BulkRow | undefined>(total);
    this.built.clear();
    this.shownKey = undefined;
    this.received = 0;
    this.state = total === 0 ? "finished" : "running";
    this.filter = "ALL";
    this.skipped = skipped;
    this.problems = unreadableZips.map((file) => t("web.bulk.badZip", { file }));
    if (total === 0) this.problems.push(t("web.bulk.noFiles"));
    this.section.hidden = false;
    this.cancelButton.disabled = false;
    this.draw();
  }

  add(rows: { index: number; row: BulkRow }[]): void {
    for (const { index, row } of rows) this.rows[index] = row;
    this.received += rows.length;
    this.scheduleDraw();
  }

  finish(cancelled = false): void {
    this.state = cancelled ? "cancelled" : "finished";
    this.draw();
  }

  fail(message: string): void {
    this.problems.push(message);
    this.finish();
  }

  hide(): void {
    this.section.hidden = true;
  }

  /** Rows so far, for the claims check. */
  allRows(): BulkRow[] {
    return this.rows.filter((row): row is BulkRow => row !== undefined);
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
    const summary = t("web.bulk.summary", { valid: counts.VALID, invalid: counts.INVALID, error: counts.ERROR });
    // Announced once, when the run is over, rather than on every progress step.
    this.summary.textContent =
      this.state === "running" ? "" : this.state === "cancelled" ? t("web.bulk.cancelled", { done: this.received, total, summary }) : summary;
    this.cancelButton.hidden = this.state !== "running";
    const problems = [...this.problems, ...this.skipped.map(({ file, what }) => t("web.bulk.skipped", { file, what }))];
    this.problemList.hidden = problems.length === 0;
    this.problemList.replaceChildren(...problems.map((problem) => h("li", { class: "bulk-problem" }, problem)));

    this.filterSelect.replaceChildren(
      h("option", { value: "ALL" }, `${t("web.bulk.filterAll")} (${this.received})`),
      ...STATUSES.map((status) => h("option", { value: status }, `${t(`report.${status}`)} (${counts[status]})`)),
    );
    this.filterSelect.value = this.filter;
    this.exportButton.disabled = this.received === 0;
    this.exportButton.textContent = t("web.bulk.export", { count: this.received });
    // The export never silently follows the filter: say so while a filter narrows the table.
    this.exportNote.hidden = this.filter === "ALL";
    this.exportNote.textContent = this.filter === "ALL" ? "" : t("web.bulk.exportAll", { shown: this.visible().length, count: this.received });

    const labels = COLUMNS.map((key) => t(key));
    this.head.replaceChildren(h("tr", {}, ...labels.map((label) => h("th", { scope: "col" }, label))));
    if (this.builtFor !== language()) {
      this.built.clear();
      this.builtFor = language();
    }
    const visible = this.visible();
    // Rows are built once and reused: redrawing several times a second must not rebuild thousands of rows each time.
    const rowElement = ({ index, row }: { index: number; row: BulkRow }) => {
      let element = this.built.get(index);
      if (element === undefined) {
        element = this.buildRow(row, labels);
        this.built.set(index, element);
      }
      return element;
    };
    const key = `${this.filter}|${language()}`;
    if (visible.length === 0 && this.received > 0) {
      this.body.replaceChildren(h("tr", {}, h("td", { colspan: String(COLUMNS.length) }, t("web.bulk.noRows"))));
      this.shownKey = undefined;
    } else if (key !== this.shownKey) {
      const first = visible.slice(0, MAX_TABLE_ROWS);
      this.body.replaceChildren(...first.map(rowElement));
      this.shown = first.map(({ index }) => index);
      this.shownKey = key;
    } else {
      // Same filter and language: only the rows that arrived since are inserted, in file order. Replacing thousands
      // of rows on every redraw made the page's longest task grow to seconds with 2,000 files.
      for (const entry of visible) {
        if (this.built.get(entry.index)?.parentNode === this.body) continue;
        let position = this.shown.length;
        while (position > 0 && (this.shown[position - 1] as number) > entry.index) position--;
        if (position >= MAX_TABLE_ROWS) continue;
        const next = this.shown[position];
        this.body.insertBefore(rowElement(entry), next === undefined ? null : (this.built.get(next) ?? null));
        this.shown.splice(position, 0, entry.index);
        if (this.shown.length > MAX_TABLE_ROWS) this.built.get(this.shown.pop() as number)?.remove();
      }
    }
    this.tableNote.hidden = visible.length <= MAX_TABLE_ROWS;
    this.tableNote.textContent = visible.length <= MAX_TABLE_ROWS ? "" : t("web.bulk.tableCapped", { shown: MAX_TABLE_ROWS, count: visible.length });
    this.drawn();
  }

  private buildRow(row: BulkRow, labels: string[]): HTMLTableRowElement {
    const cell = (column: number, ...content: (Node | string | null | false)[]) => h("td", { "data-label": labels[column] ?? "" }, ...content);
    return h(
      "tr",
      { "data-status": row.status, "data-code": row.failure?.code ?? "" },
      h("td", { "data-label": labels[0] ?? "", class: "file" }, row.file),
      cell(1, row.studentId ?? ""),
      cell(2, localised(row.name)),
      cell(3, localised(row.award)),
      cell(4, localised(row.university)),
      cell(5, row.awardDate === null ? "" : formatDate(row.awardDate, language())),
      // One wrapper: on a phone each cell is a two-column grid (label, value).
      cell(
        6,
        h(
          "div",
          {},
          h("span", { class: `badge badge--${row.status}` }, statusIcon(row.status, "badge__icon"), t(`report.${row.status}`)),
          h("span", { class: "failure__message" }, row.reason[language()]),
        ),
      ),
      cell(7, row.blockNumber === null ? "" : String(row.blockNumber)),
    );
  }

  /** Every row, whatever the filter, with the columns an admissions office files; dates in the page's language. */
  private exportCsv(): void {
    const lang = language();
    const both = (key: MessageKey) => [t("web.field.english", { field: t(key) }), t("web.field.chinese", { field: t(key) })];
    const header = [
      t("web.bulk.colFile"),
      t("field.studentId"),
      ...both("web.bulk.colName"),
      ...both("web.bulk.colAward"),
      ...both("web.bulk.colUniversity"),
      t("field.awardDate"),
      t("web.bulk.colVerdict"),
      t("web.bulk.colReason"),
      t("web.bulk.colCode"),
      t("web.bulk.colBlock"),
      t("web.bulk.colVerifiedAt"),
    ];
    const lines = this.allRows().map((row) => [
      row.file,
      row.studentId ?? "",
      row.name?.en ?? "",
      row.name?.["zh-Hant"] ?? "",
      row.award?.en ?? "",
      row.award?.["zh-Hant"] ?? "",
      row.university?.en ?? "",
      row.university?.["zh-Hant"] ?? "",
      row.awardDate === null ? "" : formatDate(row.awardDate, lang),
      t(`report.${row.status}`),
      row.reason[lang],
      row.failure?.code ?? "",
      row.blockNumber === null ? "" : String(row.blockNumber),
      formatDate(row.verifiedAt, lang),
    ]);
    download(`credanchor-verification-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv;charset=utf-8", toCsv([header, ...lines]));
  }
}
