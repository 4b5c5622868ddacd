import type { Page } from "playwright-core";

/**
 * Every piece of text a person can currently see or hear on the page: visible text nodes, plus aria-labels and
 * button texts (which a screen reader reads). Used to prove a language switch left nothing behind.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (text !== "" && parent !== null && parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) texts.push(text);
    }
    for (const element of Array.from(document.querySelectorAll("[aria-label]"))) texts.push(element.getAttribute("aria-label") ?? "");
    texts.push(document.title);
    return texts;
  });
}
