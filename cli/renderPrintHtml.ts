import { readFileSync } from "node:fs";
import { serialisePrintNode, type PrintNode } from "@credanchor/core/protocol";

/** A complete HTML document of the sheet with the shared print stylesheet inlined, for Chromium to print. */
export function renderPrintHtml(sheet: PrintNode): string {
  const css = readFileSync(require.resolve("@credanchor/core/print.css"), "utf8");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CredAnchor</title><style>${css}</style></head><body>${serialisePrintNode(sheet)}</body></html>`;
}
