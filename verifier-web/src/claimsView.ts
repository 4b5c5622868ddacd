import { CLAIM_FIELDS, checkClaims, parseApplicantList, toCsv, type ApplicantClaim, type ClaimCheck, type ClaimField, type ClaimOutcome } from "@credanchor/core/protocol";
import { byId, h } from "./dom";
import { download } from "./download";
import { language, t, type MessageKey } from "./i18n";
import { PagedRows } from "./pagedRows";
import type { BulkRow } from "./workerProtocol";

/** A file's name without the folders (or ZIP) it came in: the part core's checkClaims matches on. */
const lastSegment = (file: string) => file.slice(file.lastIndexOf("/") + 1);

const FIELD_LABEL: Record<ClaimField, MessageKey> = {
  name: "web.bulk.colName",
  award: "web.bulk.colAward",
  university: "web.bulk.colUniversity",
  year: "web.claims.year",
};

/**
 * The claims check under the bulk table: the officer loads the applicant list (CSV) and sees, per applicant, whether
 * each claimed detail matches the credential that applicant sent, as verified (core's checkClaims). Recomputed on
 * every draw, so rows still streaming in are picked up; the list never leaves the browser.
 */
export class ClaimsView {
  private applicants: ApplicantClaim[] | undefined;
  private message: { key: MessageKey; params?: Record<string, string> } | undefined;

  private readonly button = byId<HTMLButtonElement>("claims-button");
  private readonly input = byId<HTMLInputElement>("claims-input");
  private readonly messageElement = byId("claims-message");
  private readonly result = byId("claims-result");
  private readonly summary = byId("claims-summary");
  private readonly head = byId<HTMLTableSectionElement>("claims-head");
  private readonly body = byId<HTMLTableSectionElement>("claims-body");
  private readonly exportButton = byId<HTMLButtonElement>("claims-export");
  private readonly table = new PagedRows<{ check: ClaimCheck; key: string }>(this.body, "claims", () => this.draw());
  /** The language the table's rows were built in. */
  private builtFor: string | undefined;
  private drawScheduled = false;

  constructor(private readonly rows: () => BulkRow[]) {
    this.button.addEventListener("click", () => this.input.click());
    this.input.addEventListener("change", () => {
      const file = this.input.files?.[0];
      this.input.value = "";
      if (file !== undefined) void file.text().then((text) => this.load(text));
    });
    this.exportButton.addEventListener("click", () => this.exportCsv());
  }

  private load(text: string): void {
    const list = parseApplicantList(text);
    const lacksKey = list.missingColumns.includes("reference") || list.missingColumns.includes("file");
    this.applicants = lacksKey || list.applicants.length === 0 ? undefined : list.applicants;
    this.message = lacksKey
      ? { key: "web.claims.missingColumns", params: { columns: list.missingColumns.join(", ") } }
      : list.applicants.length === 0
        ? { key: "web.claims.empty" }
        : undefined;
    this.table.forget();
    this.table.firstPage();
    this.draw();
  }

  /**
   * Each applicant against the rows that may be their file: rows indexed by file name first, since 2,000 applicants
   * each searching 2,000 rows on every redraw held the page for seconds.
   */
  private checks(): ClaimCheck[] {
    const rowsNamed = new Map<string, BulkRow[]>();
    for (const row of this.rows()) {
      const name = lastSegment(row.file);
      const named = rowsNamed.get(name);
      if (named === undefined) rowsNamed.set(name, [row]);
      else named.push(row);
    }
    return (this.applicants ?? []).map((applicant) => checkClaims(applicant, rowsNamed.get(lastSegment(applicant.file)) ?? []));
  }

  private standing(check: ClaimCheck): string {
    if (check.standing === "noFile") return t("web.claims.noFile");
    if (check.standing === "notVerified") return t("web.claims.notVerified", { status: t(`report.${check.status ?? "ERROR"}`) });
    return Object.values(check.fields ?? {}).includes("mismatch") ? t("web.claims.someMismatch") : t("web.claims.allMatch");
  }

  private outcome(check: ClaimCheck, field: ClaimField): ClaimOutcome | undefined {
    return check.fields?.[field];
  }

  /** Redraws from state; called when rows arrive, when a list is loaded and when the language changes. */
  draw(): void {
    this.messageElement.hidden = this.message === undefined;
    this.messageElement.textContent = this.message === undefined ? "" : t(this.message.key, this.message.params);
    this.result.hidden = this.applicants === undefined;
    if (this.applicants === undefined) return;
    const checks = this.checks();
    const count = (predicate: (check: ClaimCheck) => boolean) => checks.filter(predicate).length;
    this.summary.textContent = t("web.claims.summary", {
      applicants: checks.length,
      allMatch: count((check) => check.standing === "verified" && !Object.values(check.fields ?? {}).includes("mismatch")),
      mismatch: count((check) => Object.values(check.fields ?? {}).includes("mismatch")),
      unverified: count((check) => check.standing !== "verified"),
    });
    const labels = [t("web.claims.reference"), t("web.bulk.colFile"), t("web.bulk.colVerdict"), ...CLAIM_FIELDS.map((field) => t(FIELD_LABEL[field]))];
    if (this.builtFor !== language()) {
      this.head.replaceChildren(h("tr", {}, ...labels.map((label) => h("th", { scope: "col" }, label))));
      this.table.forget();
      this.builtFor = language();
    }
    // A row is rebuilt only when its applicant's outcome changes (their credential arrived or was judged).
    const key = (check: ClaimCheck, index: number) => `${index} ${check.standing} ${check.status ?? ""} ${JSON.stringify(check.fields)}`;
    const entries = checks.map((check, index) => ({ check, key: key(check, index) }));
    if (!this.table.draw(entries, (entry) => entry.key, ({ check }) => this.buildRow(check, labels)) && !this.drawScheduled) {
      this.drawScheduled = true;
      requestAnimationFrame(() => {
        this.drawScheduled = false;
        this.draw();
      });
    }
  }

  private buildRow(check: ClaimCheck, labels: string[]): HTMLTableRowElement {
    return h(
      "tr",
      { "data-standing": check.standing },
      h("td", { "data-label": labels[0] ?? "" }, check.claim.reference),
      h("td", { "data-label": labels[1] ?? "", class: "file" }, check.claim.file),
      h("td", { "data-label": labels[2] ?? "" }, this.standing(check)),
      ...CLAIM_FIELDS.map((field, index) => {
        const outcome = this.outcome(check, field);
        return h(
          "td",
          { "data-label": labels[3 + index] ?? "", "data-field": field, "data-outcome": outcome ?? "" },
          h("div", {}, h("span", {}, check.claim[field]), outcome !== undefined && h("span", { class: `claim claim--${outcome}` }, t(`web.claims.outcome.${outcome}`))),
        );
      }),
    );
  }

  /** One line per applicant: each claim beside its outcome, in the page's language. */
  private exportCsv(): void {
    const header = [
      t("web.claims.reference"),
      t("web.bulk.colFile"),
      t("web.bulk.colVerdict"),
      ...CLAIM_FIELDS.flatMap((field) => [t("web.claims.claimed", { field: t(FIELD_LABEL[field]) }), t("web.claims.result", { field: t(FIELD_LABEL[field]) })]),
    ];
    const lines = this.checks().map((check) => [
      check.claim.reference,
      check.claim.file,
      this.standing(check),
      ...CLAIM_FIELDS.flatMap((field) => {
        const outcome = this.outcome(check, field);
        return [check.claim[field], outcome === undefined ? "" : t(`web.claims.outcome.${outcome}`)];
      }),
    ]);
    download(`credanchor-claims-check-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv;charset=utf-8", toCsv([header, ...lines]));
  }
}
