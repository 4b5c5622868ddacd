const RPC_STORAGE = "credanchor.inbox.rpcUrl";
const LOOPBACK = new Set(["127.0.0.1", "localhost"]);

/**
 * The reviewer's own blockchain node, when they name one (kept in localStorage): the verdicts then depend on no
 * node the service chose (docs/REQUESTS.md "The inbox").
 */
export const rpcSetting = {
  get override(): string | null {
    return localStorage.getItem(RPC_STORAGE);
  },
  /**
   * Stores `url` if the inbox's content security policy lets the page reach it — an https:// node anywhere, or an
   * http:// one on this computer (inboxRoutes) — and returns false, storing nothing, otherwise.
   */
  set(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname))) return false;
    localStorage.setItem(RPC_STORAGE, parsed.href);
    return true;
  },
  reset(): void {
    localStorage.removeItem(RPC_STORAGE);
  },
};
