import type { Language, LocalisedText, MessageParams } from "@credanchor/core/protocol";
import type { PortalMessageKey } from "../i18n/en";

/** What every page is drawn with: the reader's language, and the signed-in session if there is one. */
export interface PageContext {
  language: Language;
  t(key: PortalMessageKey, params?: MessageParams): string;
  /** Picks the reader's language from credential text given in both. */
  pick(text: LocalisedText): string;
  /** The page's own path (with its query), so the language switch stays on it. */
  path: string;
  session?: { csrfToken: string; provider: LocalisedText };
}
