/** An element the page's index.html must have; its absence is a bug in the page, not a state to handle. */
export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} missing from index.html`);
  return found as T;
}
