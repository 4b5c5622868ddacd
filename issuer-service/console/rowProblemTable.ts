import type { MessageKey } from "../i18n/en";
import { h } from "./h";
import { i18n } from "./i18n";
import type { RowProblem } from "./RowProblem";
import { withoutRowPrefix } from "./withoutRowPrefix";

/** The same problem reported twice (by the browser and by the service, or for two checks of one cell) is shown once. */
function once(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.row}\u0000${problem.field}\u0000${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Row problems as a table a registrar fixes a spreadsheet from: row, column, the bad value as the file has it, and
 * what to do, in the console's language. On a narrow screen each row becomes a card (see styles.css).
 */
export function rowProblemTable(problems: RowProblem[], total: number): HTMLElement {
  const unique = once(problems);
  const headers = ["console.rows.row", "console.rows.column", "console.rows.value", "console.rows.fix"] as const satisfies MessageKey[];
  return h(
    "div",
    { class: "row-problems" },
    h(
      "table",
      { class: "stack" },
      h("caption", {}, i18n.t("console.rows.caption", { count: i18n.count(total) })),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          headers.map((key) => h("th", { scope: "col" }, i18n.t(key))),
        ),
      ),
      h(
        "tbody",
        {},
        unique.map((problem) =>
          h(
            "tr",
            {},
            h("td", { "data-label": i18n.t(headers[0]) }, problem.row === 0 ? "—" : String(problem.row)),
            h("td", { "data-label": i18n.t(headers[1]) }, problem.field === "" ? "—" : h("code", {}, problem.field)),
            h(
              "td",
              { "data-label": i18n.t(headers[2]) },
              problem.value === undefined || problem.value === null
                ? "—"
                : h("code", { class: "bad-value" }, problem.value === "" ? i18n.t("console.rows.empty") : problem.value),
            ),
            h("td", { "data-label": i18n.t(headers[3]) }, withoutRowPrefix(problem.message[i18n.language])),
          ),
        ),
      ),
    ),
    total > problems.length
      ? h(
          "p",
          { class: "help" },
          i18n.t("console.rows.more", {
            shown: i18n.count(problems.length),
            total: i18n.count(total),
          }),
        )
      : null,
  );
}
