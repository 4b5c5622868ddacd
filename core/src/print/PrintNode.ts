/**
 * A renderer-neutral tree: the verifier page turns it into DOM nodes, the CLI into escaped HTML for Chromium. One
 * layout per document (credential sheet, verification receipt), so what the browser prints and the CLI's PDF are the
 * same document.
 */
export interface PrintNode {
  tag: "article" | "header" | "h1" | "h2" | "p" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "th" | "td" | "span" | "img" | "footer" | "div" | "code";
  attributes?: Record<string, string>;
  children?: (PrintNode | string)[];
}

export function printNode(tag: PrintNode["tag"], attributes: Record<string, string>, ...children: (PrintNode | string)[]): PrintNode {
  return { tag, attributes, children };
}
