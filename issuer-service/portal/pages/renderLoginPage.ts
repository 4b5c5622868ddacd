import type { LocalisedText } from "@credanchor/core/protocol";
import { html } from "../html";
import type { PageContext } from "./PageContext";
import { renderPage } from "./renderPage";

/** The providers to sign in with (each a link that starts its sign-in), and why the last attempt failed, if it did. */
export function renderLoginPage(page: PageContext, providers: readonly { id: string; label: LocalisedText }[], problem?: string): string {
  return renderPage(
    page,
    page.t("portal.login.heading"),
    html`<section class="card">
      ${problem === undefined ? "" : html`<p class="alert" role="alert">${problem}</p>`}
      <p>${page.t("portal.login.intro")}</p>
      ${providers.length === 0
        ? html`<p class="note">${page.t("portal.login.none")}</p>`
        : html`<ul class="providers">
            ${providers.map((provider) => html`<li><a class="button button--primary" href="/my/login/${provider.id}">${page.t("portal.login.with", { provider: provider.label })}</a></li>`)}
          </ul>`}
    </section>`,
  );
}
