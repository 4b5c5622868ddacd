import type { Language } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { h } from "./h";
import { i18n } from "./i18n";
import type { RowProblem } from "./RowProblem";

/** The same problem reported twice (two checks of one cell that agree) is shown once. */
function once(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.row}\u0000${problem.field}\u0000${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What is wrong without the fix that core appends to the message (the table shows the fix in its own column). */
function wrong(problem: RowProblem, language: Language): string {
  const message = problem.message[language];
  const fix = problem.fix?.[language];
  return fix !== undefined && message.endsWith(fix) ? message.slice(0, message.length - fix.length).trimEnd() : message;
}

/**
 * Row problems as a table a registrar fixes a spreadsheet from: row, column, the bad value as the file has it, what
 * is wrong and how to fix it, in the console's language. On a narrow screen each row becomes a card (styles.css).
 */
export function rowProblemTable(problems: RowProblem[], total: number): HTMLElement {
  const unique = once(problems);
  const headers = ["console.rows.row", "console.rows.column", "console.rows.value", "console.rows.problem", "console.rows.fix"] as const satisfies MessageKey[];
  const cell = (index: number, content: Node | string) => h("td", { "data-label": i18n.t(headers[index]!) }, content);
  return h(
    "div",
    { class: "row-problems" },
    h(
      "table",
      { class: "stack" },
      h("caption", {}, i18n.t("console.rows.caption", { count: i18n.count(total) })),
      h("thead", {}, h("tr", {}, headers.map((key) => h("th", { scope: "col" }, i18n.t(key))))),
      h(
        "tbody",
        {},
        unique.map((problem) =>
          h(
            "tr",
            {},
            cell(0, problem.row === 0 ? "—" : String(problem.row)),
            cell(1, problem.field === "" ? "—" : h("code", {}, problem.field)),
            cell(2, problem.value === undefined || problem.value === null ? "—" : h("code", { class: "bad-value" }, problem.value)),
            cell(3, wrong(problem, i18n.language)),
            cell(4, problem.fix?.[i18n.language] ?? "—"),
          ),
        ),
      ),
    ),
    total > problems.length ? h("p", { class: "help" }, i18n.t("console.rows.more", { shown: i18n.count(problems.length), total: i18n.count(total) })) : null,
  );
}
