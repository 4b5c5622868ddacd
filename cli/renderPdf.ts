import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import type { PrintNode } from "@credanchor/core/protocol";
import { ToolError } from "./errors";
import { renderPrintHtml } from "./renderPrintHtml";

/** Writes one of core's print layouts (credential sheet, receipt) to `out` as an A4 PDF with headless Chromium. */
export async function renderPdf(sheet: PrintNode, out: string, chromiumPath: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-gpu"] }).catch((error: unknown) => {
    throw new ToolError("CHROMIUM_UNAVAILABLE", { params: { path: chromiumPath, reason: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) }, cause: error });
  });
  try {
    const page = await browser.newPage();
    // Nothing to fetch: the sheet, its style and any QR image are all inline.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(renderPrintHtml(sheet), { waitUntil: "load" });
    writeFileSync(out, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  } finally {
    await browser.close();
  }
}
