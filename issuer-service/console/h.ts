export type Children = Node | string | null | undefined | false | Children[];
type Prop = string | number | boolean | undefined | ((event: Event) => void);

/**
 * Creates an element: `on…` props become listeners, `true` an empty attribute, `false`/`undefined` nothing, anything
 * else an attribute. Texts are appended as text nodes, never parsed as HTML, so data from the API cannot inject
 * markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, Prop> = {}, ...children: Children[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") node.addEventListener(name.slice(2).toLowerCase(), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  fill(node, children, false);
  return node;
}

/** Replaces (or, with `replace` false, extends) the content of `target`; nested lists are flattened, gaps skipped. */
export function fill(target: Element, children: Children[], replace = true): void {
  const nodes: (Node | string)[] = [];
  const collect = (child: Children) => {
    if (Array.isArray(child)) child.forEach(collect);
    else if (child !== null && child !== undefined && child !== false) nodes.push(child);
  };
  children.forEach(collect);
  if (replace) target.replaceChildren(...nodes);
  else target.append(...nodes);
}
