import { createTranslator, isLanguage, protocolCatalogues, type Language, type MessageParams, type ProtocolMessageKey } from "@credanchor/core/protocol";
import { en } from "./messages/en";
import { zhHant } from "./messages/zh-Hant";

/** A text the verifier shows: its own UI texts and the protocol's (check names, report messages, field labels). */
export type MessageKey = ProtocolMessageKey | keyof typeof en;

const { translateTo } = createTranslator<MessageKey>({
  en: { ...protocolCatalogues.en, ...en },
  "zh-Hant": { ...protocolCatalogues["zh-Hant"], ...zhHant },
});

const STORAGE_KEY = "credanchor.verifier.language";
const listeners: ((language: Language) => void)[] = [];

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored !== null && isLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled (private mode, policy); the browser's language is then the best guess.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-Hant" : "en";
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

/** One UI text in the current language. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return translateTo(current, key, params);
}

/** The locale used for dates and numbers: Hong Kong conventions for Traditional Chinese. */
export function locale(): string {
  return current === "en" ? "en-GB" : "zh-Hant-HK";
}

/** Fills every element marked `data-i18n` (text) or `data-i18n-label` (aria-label) from the catalogue. */
export function translateDocument(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel as MessageKey));
  }
}

export function onLanguageChange(listener: (language: Language) => void): void {
  listeners.push(listener);
}

/** Switches the whole page, remembers the choice and tells screen readers and fonts the language via `<html lang>`. */
export function setLanguage(next: Language): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but the page still switches.
  }
  document.documentElement.lang = next;
  document.title = t("web.title");
  translateDocument();
  for (const listener of listeners) listener(next);
}
