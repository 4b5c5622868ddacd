import { api } from "./api";
import type { Page } from "./ApiTypes";
import { errorText } from "./errorText";

/** A list the API pages with a cursor (batches, audit entries), read page by page as the registrar asks for more. */
export class CursorList<T> {
  items: T[] = [];
  nextCursor: string | null = null;
  /** Why the last read failed, in the console's language at the time it is shown. */
  failure: (() => string) | null = null;

  constructor(
    private readonly path: string,
    private readonly query: Record<string, string>,
  ) {}

  async load(reset: boolean): Promise<void> {
    const query = new URLSearchParams(this.query);
    if (!reset && this.nextCursor !== null) query.set("cursor", this.nextCursor);
    try {
      const page = await api.get<Page<T>>(`${this.path}?${query}`);
      this.items = reset ? page.items : [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.failure = null;
    } catch (error) {
      this.failure = () => errorText(error);
    }
  }
}
