import type { MessageKey } from "../i18n/en";
import { h, type Children } from "./h";
import { i18n } from "./i18n";

export interface Column<T> {
  heading: MessageKey;
  cell(item: T): Children;
  /** The column that names the row is a row header (<th scope="row">) for screen readers. */
  rowHeader?: boolean;
}

/**
 * A table of `items`, one column per entry. Each cell carries its column's heading as `data-label`, which the
 * narrow-screen style shows above the value when rows become cards (no horizontal scrolling at 375 px).
 */
export function dataTable<T>(columns: Column<T>[], items: T[], props: { caption?: string; describedBy?: string } = {}): HTMLTableElement {
  return h(
    "table",
    { class: "stack", "aria-describedby": props.describedBy },
    props.caption === undefined ? null : h("caption", {}, props.caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        columns.map((column) => h("th", { scope: "col" }, i18n.t(column.heading))),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((item) =>
        h(
          "tr",
          {},
          columns.map((column) =>
            column.rowHeader === true
              ? h("th", { scope: "row", "data-label": i18n.t(column.heading) }, column.cell(item))
              : h("td", { "data-label": i18n.t(column.heading) }, column.cell(item)),
          ),
        ),
      ),
    ),
  );
}
