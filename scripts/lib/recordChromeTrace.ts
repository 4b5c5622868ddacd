import { writeFileSync } from "node:fs";
import type { Page } from "playwright-core";

/** Chrome's timeline categories: every main-thread task with the scripts, style, layout and paint inside it. */
const CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing"];

/**
 * Runs `during` while Chromium records a performance trace of `page` and writes the trace to `file` (open it in
 * DevTools' Performance panel or chrome://tracing). The Long Tasks API says how long a task was; the trace says what
 * ran in it (which script, layout, the browser's own file handling).
 */
export async function recordChromeTrace<T>(page: Page, file: string, during: () => Promise<T>): Promise<T> {
  const session = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  await session.send("Tracing.start", { transferMode: "ReportEvents", traceConfig: { includedCategories: CATEGORIES } });
  try {
    return await during();
  } finally {
    const complete = new Promise<void>((resolve) => session.once("Tracing.tracingComplete", () => resolve()));
    await session.send("Tracing.end");
    await complete;
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    await session.detach();
  }
}
