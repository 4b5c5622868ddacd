import type { Page } from "playwright-core";

/**
 * Drops files or folders from disk on the page as a person drags them from a file manager: Chromium's own drag events
 * (DevTools protocol), so a folder arrives as a folder (`webkitGetAsEntry`), which no script-made DataTransfer can do.
 */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ["dragEnter", "dragOver", "drop"] as const) {
      await session.send("Input.dispatchDragEvent", { type, x: 100, y: 100, data });
    }
  } finally {
    await session.detach();
  }
}
