import type { Language } from "@credanchor/core/protocol";
import { dataTable } from "./dataTable";
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
  const code = (text: string, className?: string) => h("code", { class: className }, text);
  return h(
    "div",
    { class: "row-problems" },
    dataTable<RowProblem>(
      [
        { heading: "console.rows.row", cell: (problem) => (problem.row === 0 ? "—" : String(problem.row)) },
        { heading: "console.rows.column", cell: (problem) => (problem.field === "" ? "—" : code(problem.field)) },
        { heading: "console.rows.value", cell: (problem) => (problem.value === undefined || problem.value === null ? "—" : code(problem.value, "bad-value")) },
        {
          heading: "console.rows.problem",
          cell: (problem) => [
            wrong(problem, i18n.language),
            problem.credential
              ? [" ", h("a", { href: `#/credential/${encodeURIComponent(problem.credential)}` }, i18n.t("console.rows.openCredential"))]
              : null,
          ],
        },
        { heading: "console.rows.fix", cell: (problem) => problem.fix?.[i18n.language] ?? "—" },
      ],
      once(problems),
      { caption: i18n.t("console.rows.caption", { count: i18n.count(total) }) },
    ),
    total > problems.length ? h("p", { class: "help" }, i18n.t("console.rows.more", { shown: i18n.count(problems.length), total: i18n.count(total) })) : null,
  );
}
