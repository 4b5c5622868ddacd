import type { BrowserContext, Page } from "playwright-core";

/** The verdict element the page marks with the report's status once a verification is done. */
export const STATUS = '[data-testid="verification-status"]';

/** A new page of the verifier `url` at `width` in `lang`, with `file` chosen for verification, once its verdict is in. */
export async function openVerdict(context: BrowserContext, url: string, file: string, lang: "en" | "zh-Hant", width: number): Promise<{ page: Page; status: string | null }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  await page.click(`[data-language="${lang}"]`);
  await page.setInputFiles("#file-input", file);
  const status = await (await page.waitForSelector(`${STATUS}[data-status]`)).getAttribute("data-status");
  return { page, status };
}
