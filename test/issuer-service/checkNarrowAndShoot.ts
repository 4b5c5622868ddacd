import { expect } from "chai";
import { join } from "node:path";
import type { Page } from "playwright-core";

export const SCREENSHOTS = join(__dirname, "..", "screenshots");
const NARROW = { width: 375, height: 800 };
const WIDE = { width: 1280, height: 900 };

/**
 * The registrar console's view at 375 px must never scroll sideways; the screenshot is taken in both widths
 * (`issuer-console-<name>-375.png`, `-1280.png`) for a human to look at. Leaves the page at 1280 px.
 */
export async function checkNarrowAndShoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(NARROW);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 375 px`).to.be.at.most(375);
  await page.screenshot({ path: join(SCREENSHOTS, `issuer-console-${name}-375.png`), fullPage: true });
  await page.setViewportSize(WIDE);
  await page.screenshot({ path: join(SCREENSHOTS, `issuer-console-${name}-1280.png`), fullPage: true });
}
