import { readFileSync } from "node:fs";
import type { PrintNode } from "@credanchor/core/protocol";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
const VOID = new Set(["img"]);

/** Serialises the print tree; every text and attribute is escaped, since all of it comes from a credential file. */
function serialise(node: PrintNode | string): string {
  if (typeof node === "string") return escape(node);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join("");
  if (VOID.has(node.tag)) return `<${node.tag}${attributes}>`;
  return `<${node.tag}${attributes}>${(node.children ?? []).map(serialise).join("")}</${node.tag}>`;
}

/** A complete HTML document of the sheet with the shared print stylesheet inlined, for Chromium to print. */
export function renderPrintHtml(sheet: PrintNode): string {
  const css = readFileSync(require.resolve("@credanchor/core/print.css"), "utf8");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CredAnchor</title><style>${css}</style></head><body>${serialise(sheet)}</body></html>`;
}
