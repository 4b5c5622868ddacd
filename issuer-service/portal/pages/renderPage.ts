import { html, type Html } from "../html";
import type { PageContext } from "./PageContext";
import { pageHead } from "./pageHead";

/** A form field carrying the session's CSRF token: every state-changing form has one. */
export function csrfField(page: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${page.session?.csrfToken ?? ""}" />`;
}

/**
 * One portal page: the verifier's header and tokens (`/my/assets/tokens.css`), a language switch that keeps the
 * page, and for a signed-in graduate the provider and a sign-out button. No script at all: every action is a
 * plain form, so the content security policy can forbid scripts outright.
 */
export function renderPage(page: PageContext, title: string, body: Html): string {
  const other = page.language === "en" ? "zh-Hant" : "en";
  const switchTo = (language: "en" | "zh-Hant", label: string) =>
    language === page.language
      ? html`<span lang="${language}" aria-current="true">${label}</span>`
      : html`<a lang="${language}" href="${page.path}${page.path.includes("?") ? "&" : "?"}lang=${language}">${label}</a>`;
  return html`<!doctype html>
<html lang="${page.language}">
  ${pageHead(`${title} · ${page.t("portal.product")}`)}
  <body>
    <a class="skip-link" href="#main">${page.t("portal.skip")}</a>
    <header class="site-header">
      <div class="site-header__inner">
        <p class="site-header__product">${page.t("portal.product")} · <span>${page.t("portal.name")}</span></p>
        <nav class="language" aria-label="${page.t("portal.language")}" data-other="${other}">
          ${switchTo("en", "English")}${switchTo("zh-Hant", "繁體中文")}
        </nav>
      </div>
      ${page.session === undefined
        ? ""
        : html`<div class="site-header__session">
            <span>${page.t("portal.signedIn", { provider: page.session.provider })}</span>
            <form method="post" action="/my/logout">${csrfField(page)}<button type="submit" class="button button--on-accent">${page.t("portal.signOut")}</button></form>
          </div>`}
    </header>
    <main id="main">
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>
`.text;
}
