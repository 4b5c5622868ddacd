import type { PrintNode } from "./PrintNode";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
const VOID = new Set(["img"]);

/**
 * A print tree as HTML markup, for renderers without a DOM (the CLI's PDF, the portal's print view). Every text and
 * attribute is escaped, since all of it comes from a credential file.
 */
export function serialisePrintNode(node: PrintNode | string): string {
  if (typeof node === "string") return escape(node);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join("");
  if (VOID.has(node.tag)) return `<${node.tag}${attributes}>`;
  return `<${node.tag}${attributes}>${(node.children ?? []).map(serialisePrintNode).join("")}</${node.tag}>`;
}
