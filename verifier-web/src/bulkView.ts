import { CREDENTIAL_KINDS, formatDate, toCsv, translate, type CredentialKind, type LocalisedText, type ReportStatus } from "@credanchor/core/protocol";
import { byId, h } from "./dom";
import { download } from "./download";
import { language, t, type MessageKey } from "./i18n";
import { statusIcon } from "./icons";
import { PagedRows } from "./pagedRows";
import type { BulkRow, SkippedFile } from "./workerProtocol";

/** All rows, the rows of one verdict, or the rows of one kind of credential. */
type Filter = "ALL" | ReportStatus | CredentialKind;
const STATUSES: ReportStatus[] = ["VALID", "INVALID", "ERROR"];
const DRAW_INTERVAL_MS = 250;
const COLUMNS: MessageKey[] = [
  "web.bulk.colFile",
  "field.studentId",
  "web.bulk.colName",
  "web.bulk.colAward",
  "web.bulk.colUniversity",
  "field.awardDate",
  "web.bulk.colVerdict",
  "web.bulk.colBlock",
  "web.bulk.colKind",
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
  /** The language the table's rows were built in. */
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
  private readonly exportNote = byId("bulk-export-note");
  private readonly cancelButton = byId<HTMLButtonElement>("bulk-cancel");
  private readonly table = new PagedRows<{ index: number; row: BulkRow }>(this.body, "bulk", () => this.draw());

  /** `cancel` stops the run; `drawn` is told after every redraw (the claims check follows the rows). */
  constructor(
    cancel: () => void,
    private readonly drawn: () => void,
  ) {
    this.filterSelect.addEventListener("change", () => {
      this.filter = this.filterSelect.value as Filter;
      this.table.firstPage();
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
    this.table.forget();
    this.table.firstPage();
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

  /**
   * Redraws a few times a second while rows stream in (often enough to show progress, rarely enough to stay smooth),
   * or in the next frame (`delayMs` 0) while a page of rows is still being built.
   */
  private scheduleDraw(delayMs = DRAW_INTERVAL_MS): void {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    setTimeout(
      () =>
        requestAnimationFrame(() => {
          this.drawScheduled = false;
          this.draw();
        }),
      delayMs,
    );
  }

  private visible(): { index: number; row: BulkRow }[] {
    const visible: { index: number; row: BulkRow }[] = [];
    this.rows.forEach((row, index) => {
      if (row !== undefined && (this.filter === "ALL" || row.status === this.filter || row.kind === this.filter)) visible.push({ index, row });
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
    this.cancelButton.hidden = this.state !== "running";
    const problems = [...this.problems, ...this.skipped.map(({ file, what }) => t("web.bulk.skipped", { file, what }))];
    this.problemList.hidden = problems.length === 0;
    this.problemList.replaceChildren(...problems.map((problem) => h("li", { class: "bulk-problem" }, problem)));

    // Option texts change in place: replacing the options on every redraw would also reset an open list.
    const options: [Filter, string][] = [
      ["ALL", `${t("web.bulk.filterAll")} (${this.received})`],
      ...STATUSES.map((status): [Filter, string] => [status, `${t(`report.${status}`)} (${counts[status]})`]),
      ...CREDENTIAL_KINDS.map((kind): [Filter, string] => [kind, `${t(`kind.${kind}`)} (${this.allRows().filter((row) => row.kind === kind).length})`]),
    ];
    if (this.filterSelect.options.length !== options.length) {
      this.filterSelect.replaceChildren(...options.map(([value]) => h("option", { value })));
    }
    options.forEach(([, label], position) => {
      const option = this.filterSelect.options[position] as HTMLOptionElement;
      if (option.textContent !== label) option.textContent = label;
    });
    this.filterSelect.value = this.filter;
    this.exportButton.disabled = this.received === 0;
    this.exportButton.textContent = t("web.bulk.export", { count: this.received });
    // The export never silently follows the filter: say so while a filter narrows the table.
    this.exportNote.hidden = this.filter === "ALL";
    const visible = this.visible();
    this.exportNote.textContent = this.filter === "ALL" ? "" : t("web.bulk.exportAll", { shown: visible.length, count: this.received });

    const labels = COLUMNS.map((key) => t(key));
    if (this.builtFor !== language()) {
      this.head.replaceChildren(h("tr", {}, ...labels.map((label) => h("th", { scope: "col" }, label))));
      this.table.forget();
      this.builtFor = language();
    }
    let tableDrawn = true;
    if (visible.length === 0 && this.received > 0) {
      this.table.showEmpty(t("web.bulk.noRows"), COLUMNS.length);
    } else if (!this.table.draw(visible, ({ index }) => String(index), ({ row }) => this.buildRow(row, labels))) {
      tableDrawn = false;
      this.scheduleDraw(0);
    }
    const summary = t("web.bulk.summary", { valid: counts.VALID, invalid: counts.INVALID, error: counts.ERROR });
    // Announced once, when the run is over and its rows are on screen, rather than on every progress step.
    this.summary.textContent =
      this.state === "running" || !tableDrawn
        ? ""
        : this.state === "cancelled"
          ? t("web.bulk.cancelled", { done: this.received, total, summary })
          : summary;
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
      h("td", { "data-label": labels[8] ?? "", "data-kind": row.kind ?? "" }, row.kind === null ? "" : t(`kind.${row.kind}`)),
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
      ...both("web.bulk.colKind"),
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
      ...(row.kind === null ? ["", ""] : [translate(`kind.${row.kind}`).en, translate(`kind.${row.kind}`)["zh-Hant"]]),
    ]);
    download(`credanchor-verification-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv;charset=utf-8", toCsv([header, ...lines]));
  }
}
