import { LANGUAGES, type Language, type LocalisedText } from "@credanchor/core/protocol";
import { html } from "../../portal/html";
import type { RequestMessageKey } from "../i18n/en";
import { requestTranslator } from "../i18n/requestTranslator";
import { pageHead } from "../../portal/pages/pageHead";

/** Why an inbox sign-in ended without a session, in each language, and the identity the provider asserted if it did. */
export interface InboxProblem {
  text: LocalisedText;
  identity?: { provider: LocalisedText; subject: string };
}

/**
 * The page a reviewer's sign-in ends on when it starts no session: in English and Traditional Chinese at once, since
 * the inbox's language choice lives in its own page and a callback URL cannot be asked for again in another
 * language. Drawn with the portal's tokens and styles; no script.
 */
export function renderInboxProblemPage(problem: InboxProblem): string {
  const t = (language: Language, key: RequestMessageKey) => requestTranslator.translateTo(language, key);
  const both = (key: RequestMessageKey) => LANGUAGES.map((language) => t(language, key)).join(" · ");
  return html`<!doctype html>
<html lang="en">
  ${pageHead(`${both("inbox.signIn.problem")} · CredAnchor`)}
  <body>
    <header class="site-header">
      <div class="site-header__inner">
        <p class="site-header__product">CredAnchor · <span>${both("inbox.name")}</span></p>
      </div>
    </header>
    <main id="main">
      ${LANGUAGES.map(
        (language) => html`<section class="card" lang="${language}">
          <h2>${t(language, "inbox.signIn.problem")}</h2>
          <p class="alert" role="alert">${problem.text[language]}</p>
          ${problem.identity === undefined
            ? ""
            : html`<dl class="claims">
                <div><dt>${t(language, "inbox.signIn.provider")}</dt><dd>${problem.identity.provider[language]}</dd></div>
                <div><dt>${t(language, "inbox.signIn.subject")}</dt><dd><code>${problem.identity.subject}</code></dd></div>
              </dl>`}
          <p><a class="button button--primary" href="/inbox/">${t(language, "inbox.signIn.back")}</a></p>
        </section>`,
      )}
    </main>
  </body>
</html>
`.text;
}
