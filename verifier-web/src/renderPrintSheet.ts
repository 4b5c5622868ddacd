import type { PrintNode } from "@credanchor/core/protocol";

/** The shared print tree (core/print) as DOM; text is set as text, never parsed as HTML. */
export function renderPrintSheet(node: PrintNode | string): Node {
  if (typeof node === "string") return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attributes ?? {})) element.setAttribute(name, value);
  for (const child of node.children ?? []) element.append(renderPrintSheet(child));
  return element;
}
