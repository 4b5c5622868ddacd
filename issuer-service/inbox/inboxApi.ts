import type { LocalisedText } from "@credanchor/core/protocol";
import { fetchApi } from "../console/fetchApi";

const KEY_STORAGE = "credanchor.organisationKey";

/** `GET /inbox/session` when a reviewer signed in through their organisation's OpenID Connect provider. */
export interface InboxSession {
  organisation: { id: string; name: LocalisedText };
  reviewer: { name: string };
  csrfToken: string;
}

let session: InboxSession | null = null;

/**
 * The inbox's calls to the service, signed in one of two ways: a reviewer's session (a same-origin cookie, with its
 * CSRF token on every call that changes something) or an organisation key pasted into the page, kept in
 * sessionStorage only so it disappears with the tab.
 */
export const inboxApi = {
  /** Whether this browser holds an organisation session; anything but 200 (401, or no such sign-in here) is no. */
  async session(): Promise<InboxSession | null> {
    const response = await fetch("/inbox/session", { credentials: "same-origin", headers: { accept: "application/json" } }).catch(() => null);
    session = response?.ok === true ? ((await response.json()) as InboxSession) : null;
    return session;
  },
  useKey(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  get savedKey(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  async signOut(): Promise<void> {
    sessionStorage.removeItem(KEY_STORAGE);
    if (session !== null) await fetchApi("/inbox/logout", { method: "POST", credentials: "same-origin", headers: { "x-csrf-token": session.csrfToken } });
    session = null;
  },
  async get<T>(path: string): Promise<T> {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
    return (await (await fetchApi(path, { credentials: "same-origin", headers })).json()) as T;
  },
};
