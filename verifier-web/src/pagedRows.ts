import { byId, h } from "./dom";
import { t } from "./i18n";

/**
 * Rows per page. A table of 500 rows cost the page up to 0.3 s of layout and paint on every redraw while 2,000 files
 * streamed in (bench:web traces); a page of 100 stays far below 200 ms. The CSV exports hold every row.
 */
const PAGE_SIZE = 100;
/**
 * Rows built per frame at most, so a page, a filter or a language switch is drawn over a few frames: with 25, one
 * frame's script, style and paint reached 0.3 s on a machine loaded 8 times over its cores (bench:web traces).
 */
const ROWS_PER_FRAME = 10;

/**
 * A table body that shows its rows a page at a time, with a pager ("Rows 1–100 of 2000", Previous page / Next page),
 * and changes in place: rows already on screen stay, new ones are built a few per frame. Rows are built once per key
 * and reused; a row whose content changes must get a new key.
 */
export class PagedRows<T> {
  private page = 0;
  private built = new Map<string, HTMLTableRowElement>();
  private readonly pager: HTMLElement;
  private readonly label: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  /**
   * `prefix` names the pager's elements in index.html (`<prefix>-pager`, `-page`, `-previous`, `-next`); `turned`
   * redraws after the user turns a page.
   */
  constructor(
    private readonly body: HTMLTableSectionElement,
    prefix: string,
    turned: () => void,
  ) {
    this.pager = byId(`${prefix}-pager`);
    this.label = byId(`${prefix}-page`);
    this.previous = byId<HTMLButtonElement>(`${prefix}-previous`);
    this.next = byId<HTMLButtonElement>(`${prefix}-next`);
    this.previous.addEventListener("click", () => {
      this.page -= 1;
      turned();
    });
    this.next.addEventListener("click", () => {
      this.page += 1;
      turned();
    });
  }

  /** Back to the first page (a new run, another filter). */
  firstPage(): void {
    this.page = 0;
  }

  /** Forgets every built row (the language changed). */
  forget(): void {
    this.built.clear();
  }

  /** Shows `empty` as the table's only row. */
  showEmpty(empty: string, columns: number): void {
    this.body.replaceChildren(h("tr", {}, h("td", { colspan: String(columns) }, empty)));
    this.pager.hidden = true;
  }

  /** Draws the current page of `items`; false while some of its rows are still to be built (draw again next frame). */
  draw(items: readonly T[], key: (item: T) => string, build: (item: T) => HTMLTableRowElement): boolean {
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    const first = this.page * PAGE_SIZE;
    const pageItems = items.slice(first, first + PAGE_SIZE);
    this.pager.hidden = items.length <= PAGE_SIZE;
    this.label.textContent = t("web.bulk.page", { from: first + 1, to: first + pageItems.length, count: items.length });
    this.previous.disabled = this.page === 0;
    this.next.disabled = this.page === pages - 1;

    let budget = ROWS_PER_FRAME;
    let complete = true;
    // Everything before `cursor` is already the wanted rows in order; whatever is left after the loop is not wanted.
    let cursor = this.body.firstChild;
    for (const item of pageItems) {
      const itemKey = key(item);
      let element = this.built.get(itemKey);
      if (element === undefined) {
        if (budget === 0) {
          complete = false;
          continue;
        }
        budget -= 1;
        element = build(item);
        this.built.set(itemKey, element);
      }
      if (element === cursor) cursor = cursor.nextSibling;
      else this.body.insertBefore(element, cursor);
    }
    while (cursor !== null) {
      const following: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = following;
    }
    return complete;
  }
}
