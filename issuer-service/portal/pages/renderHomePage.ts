import type { LocalisedText } from "@credanchor/core/protocol";
import { formatDate } from "@credanchor/core/protocol";
import { html, type Html } from "../html";
import type { AccountCredential, LiveStatus } from "../accountCredentials";
import type { AccountShare } from "../accountShares";
import { credentialTitle } from "./credentialTitle";
import { cellLabel } from "./cellLabel";
import { hiddenList } from "./hiddenLabel";
import type { PageContext } from "./PageContext";
import { csrfField, renderPage } from "./renderPage";
import { statusLine } from "./statusLine";
import { requestTranslator } from "../../requests/i18n/requestTranslator";

export interface HomeView {
  credentials: { held: AccountCredential; status: LiveStatus }[];
  shares: AccountShare[];
  /** The outcome of the last claim: what was added, or why nothing was. */
  claimed?: LocalisedText;
  problem?: string;
  /** Credentials identity match added at this sign-in. */
  matched?: number;
  /** The provider that was asked for the identity-document number and did not release it. */
  identityWithheld?: LocalisedText;
  /** Credentials a university's sign-on added at this sign-in by its student id, and that sign-on. */
  studentMatched?: { count: number; provider: LocalisedText };
  /** The university sign-on that was asked for the student id and did not release it. */
  studentIdWithheld?: LocalisedText;
}

function sharesTable(page: PageContext, view: HomeView): Html {
  // At 375 px each cell is labelled before its value (portal.css), with the language's own colon.
  const label = (key: "credential" | "hidden" | "expires" | "opens" | "state") => cellLabel(page, page.t(`portal.shares.${key}`));
  if (view.shares.length === 0) return html`<p class="note">${page.t("portal.shares.empty")}</p>`;
  const titles = new Map(view.credentials.map(({ held }) => [held.id, page.pick(credentialTitle(held.credential))]));
  return html`<div class="table-wrap"><table>
    <thead><tr>
      <th scope="col">${page.t("portal.shares.credential")}</th><th scope="col">${page.t("portal.shares.hidden")}</th>
      <th scope="col">${page.t("portal.shares.expires")}</th><th scope="col">${page.t("portal.shares.opens")}</th>
      <th scope="col">${page.t("portal.shares.state")}</th><th scope="col"><span class="visually-hidden">${page.t("portal.shares.withdraw")}</span></th>
    </tr></thead>
    <tbody>
      ${view.shares.map(
        (share) => html`<tr data-share="${share.id}">
          <td data-label="${label("credential")}">${titles.get(share.credentialId) ?? share.credentialId}</td>
          <td data-label="${label("hidden")}">${hiddenList(page, share.hidden)}</td>
          <td data-label="${label("expires")}">${formatDate(share.expiresAt, page.language)}</td>
          <td data-label="${label("opens")}">${share.opens}</td>
          <td data-label="${label("state")}">${page.t(`portal.shares.state.${share.state}`)}</td>
          <td>${share.state === "active"
            ? html`<form method="post" action="/my/shares/${share.id}/withdraw">${csrfField(page)}<button type="submit" class="button button--danger">${page.t("portal.shares.withdraw")}</button></form>`
            : ""}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** The signed-in graduate's page: add a credential by claim code, every credential held with its live status, every share link. */
export function renderHomePage(page: PageContext, view: HomeView): string {
  return renderPage(
    page,
    page.t("portal.title"),
    html`${view.matched === undefined ? "" : html`<p class="success" role="status">${page.t("portal.identity.matched", { count: view.matched })}</p>`}
    ${view.identityWithheld === undefined ? "" : html`<p class="note" role="status">${page.t("portal.identity.withheld", { provider: view.identityWithheld })}</p>`}
    ${view.studentMatched === undefined ? "" : html`<p class="success" role="status">${page.t("portal.student.matched", view.studentMatched)}</p>`}
    ${view.studentIdWithheld === undefined ? "" : html`<p class="note" role="status">${page.t("portal.student.withheld", { provider: view.studentIdWithheld })}</p>`}
    <section class="card" aria-labelledby="claim-heading">
      <h2 id="claim-heading">${page.t("portal.claim.heading")}</h2>
      ${view.problem === undefined ? "" : html`<p class="alert" role="alert">${view.problem}</p>`}
      ${view.claimed === undefined ? "" : html`<p class="success" role="status">${page.t("portal.claim.added", { credential: view.claimed })}</p>`}
      <p id="claim-intro">${page.t("portal.claim.intro")}</p>
      <form method="post" action="/my/claim" class="inline-form">
        ${csrfField(page)}
        <label for="claim-code">${page.t("portal.claim.label")}</label>
        <input id="claim-code" name="code" autocomplete="off" spellcheck="false" autocapitalize="characters" required maxlength="40" aria-describedby="claim-intro" />
        <button type="submit" class="button button--primary">${page.t("portal.claim.submit")}</button>
      </form>
    </section>
    <section class="card" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">${page.t("portal.credentials.heading")}</h2>
      ${view.credentials.length === 0
        ? html`<p class="note">${page.t("portal.credentials.empty")}</p>`
        : html`<ul class="credentials">
            ${view.credentials.map(
              ({ held, status }) => html`<li class="credential" data-credential="${held.id}">
                <h3>${page.pick(credentialTitle(held.credential))}</h3>
                ${held.credential.credentialSubject.name === undefined ? "" : html`<p>${page.pick(held.credential.credentialSubject.name)}</p>`}
                ${statusLine(page, held, status)}
                <a class="button" href="/my/credentials/${encodeURIComponent(held.id)}">${page.t("portal.credentials.view")}</a>
              </li>`,
            )}
          </ul>`}
    </section>
    <section class="card" id="shares" aria-labelledby="shares-heading">
      <h2 id="shares-heading">${page.t("portal.shares.heading")}</h2>
      ${sharesTable(page, view)}
      <p><a href="/my/history">${page.t("portal.history.link")}</a></p>
    </section>
    <p><a href="/my/requests">${requestTranslator.translateTo(page.language, "request.history")}</a></p>
    <section class="card" aria-labelledby="deactivate-heading">
      <h2 id="deactivate-heading">${page.t("portal.deactivate.heading")}</h2>
      <p id="deactivate-effects">${page.t("portal.deactivate.effects")}</p>
      <form method="post" action="/my/account/deactivate" class="share-form">
        ${csrfField(page)}
        <label class="check"><input type="checkbox" name="confirm" value="yes" required aria-describedby="deactivate-effects" /> ${page.t("portal.deactivate.confirm")}</label>
        <button type="submit" class="button button--danger">${page.t("portal.deactivate.submit")}</button>
      </form>
    </section>`,
  );
}
