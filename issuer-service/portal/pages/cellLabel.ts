import type { PageContext } from "./PageContext";

/** A table cell's label shown before its value at 375 px (portal.css `td[data-label]`), with the language's own colon. */
export function cellLabel(page: PageContext, text: string): string {
  return `${text}${page.language === "en" ? ": " : "："}`;
}
