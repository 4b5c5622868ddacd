import type { Language } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { element } from "./element";
import { i18n } from "./i18n";

export interface ShellOptions {
  title: MessageKey;
  /** Draws the page's own content again in the new language. */
  redraw(): void;
  /** The id of the sign-in form's key field, and the check of a key pasted into it. */
  keyInput: string;
  signIn(key: string): Promise<boolean>;
  /** What a refused key is told. */
  refusal: MessageKey;
}

/**
 * What the registrar console and the inbox share around their content (index.html's header, skip link and sign-in
 * form): the language switch, which rewrites every `data-i18n` text and label; the skip link; and the sign-in form,
 * whose refusal is a `data-i18n` text so that it follows a language switch like the rest of the page. Returns the
 * function that applies the current language.
 */
export function pageShell(options: ShellOptions): () => void {
  const applyLanguage = () => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t(options.title);
    for (const node of Array.from(document.querySelectorAll<HTMLElement>("[data-i18n]"))) node.textContent = i18n.t(node.dataset.i18n as MessageKey);
    for (const node of Array.from(document.querySelectorAll<HTMLElement>("[data-i18n-label]")))
      node.setAttribute("aria-label", i18n.t(node.dataset.i18nLabel as MessageKey));
    for (const language of ["en", "zh-Hant"] as Language[]) element(`lang-${language}`).setAttribute("aria-pressed", String(language === i18n.language));
    options.redraw();
  };
  for (const language of ["en", "zh-Hant"] as Language[]) {
    element(`lang-${language}`).addEventListener("click", () => {
      i18n.language = language;
      applyLanguage();
    });
  }
  element("skip").addEventListener("click", (event) => {
    // A page's hash may belong to its router; the skip link only moves focus.
    event.preventDefault();
    element("main").focus();
  });
  element("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = element<HTMLInputElement>(options.keyInput);
    void options.signIn(input.value.trim()).then((ok) => {
      input.value = "";
      const error = element("sign-in-error");
      if (ok) delete error.dataset.i18n;
      else error.dataset.i18n = options.refusal;
      error.textContent = ok ? "" : i18n.t(options.refusal);
      if (!ok) input.focus();
    });
  });
  applyLanguage();
  return applyLanguage;
}
