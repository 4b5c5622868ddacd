import { formatDate } from "@credanchor/core/protocol";
import type { AccountCredential, LiveStatus } from "../../portal/accountCredentials";
import { html, type Html } from "../../portal/html";
import { credentialTitle } from "../../portal/pages/credentialTitle";
import { csrfField, renderPage } from "../../portal/pages/renderPage";
import { statusLine } from "../../portal/pages/statusLine";
import type { InstitutionRequest } from "../institutionRequests";
import type { Hideable } from "../RequestInput";
import type { AccountSubmission } from "../submissions";
import type { RequestPageContext } from "./RequestPageContext";

export interface RequestView {
  request: InstitutionRequest;
  submission: AccountSubmission | null;
  /** The account's credentials this request asks for, with their live status. */
  choices: { held: AccountCredential; status: LiveStatus }[];
  problem?: string;
}

const hiddenList = (page: RequestPageContext, fields: readonly Hideable[]) => fields.map((field) => page.r(`request.hideable.${field}`)).join(page.language === "en" ? ", " : "、");

/** Who asks, under the name the platform verified, and their own words set apart as theirs. */
function whoAsks(page: RequestPageContext, request: InstitutionRequest): Html {
  const organisation = page.pick(request.organisation.name);
  return html`<section class="card" aria-labelledby="who-heading">
      <h2 id="who-heading">${page.r("request.who")}</h2>
      <p class="organisation"><strong>${organisation}</strong></p>
      <p class="success">${page.r("request.verifiedName")}</p>
    </section>
    <section class="card" aria-labelledby="words-heading">
      <h2 id="words-heading">${page.r("request.words")}</h2>
      <p class="note">${page.r("request.wordsNote", { organisation })}</p>
      <blockquote class="organisation-words" data-organisation-words>${request.message}</blockquote>
    </section>`;
}

function whatAsked(page: RequestPageContext, request: InstitutionRequest): Html {
  const claimed = (["name", "award", "university", "awardYear"] as const).filter((field) => request.claimed[field] !== "");
  const row = (label: string, value: string | Html) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="card" aria-labelledby="what-heading">
    <h2 id="what-heading">${page.r("request.what")}</h2>
    <dl class="claims">
      ${row(page.r("request.kinds"), request.kinds.map((kind) => page.r(`request.kind.${kind}`)).join(page.language === "en" ? ", " : "、"))}
      ${row(page.r("request.university"), request.university ?? page.r("request.anyUniversity"))}
      ${row(page.r("request.mayHide"), request.acceptsHidden.length === 0 ? page.r("request.nothingHideable") : hiddenList(page, request.acceptsHidden))}
      ${row(page.r("request.reference"), request.applicantReference)}
      ${claimed.length === 0 ? "" : row(page.r("request.claimed"), html`${claimed.map((field) => html`<span class="claimed">${page.r(`request.claimed.${field}`)}${page.language === "en" ? ": " : "："}${request.claimed[field]}</span> `)}`)}
      ${row(page.r("request.until"), formatDate(request.expiresAt, page.language))}
    </dl>
  </section>`;
}

function chooseForm(page: RequestPageContext, view: RequestView): Html {
  const { request } = view;
  const organisation = page.pick(request.organisation.name);
  if (view.choices.length === 0) return html`<p class="note">${page.r("request.noneHeld")} <a href="/my">${page.t("portal.credential.back")}</a></p>`;
  return html`<form method="post" action="/my/requests/${request.id}/submit" class="share-form">
    ${csrfField(page)}
    <p id="choose-intro">${page.r("request.chooseIntro", { organisation })}</p>
    <fieldset>
      <legend>${page.r("request.kinds")}</legend>
      ${view.choices.map(
        ({ held, status }) => html`<label class="check choice"><input type="checkbox" name="credential" value="${held.id}" />
          <span><strong>${page.pick(credentialTitle(held.credential))}</strong>${statusLine(page, held, status)}</span></label>`,
      )}
    </fieldset>
    ${request.acceptsHidden.length === 0
      ? ""
      : html`<fieldset>
          <legend>${page.r("request.hide")}</legend>
          ${request.acceptsHidden.map((field) => html`<label class="check"><input type="checkbox" name="hide" value="${field}" /> ${page.r(`request.hideable.${field}`)}</label>`)}
        </fieldset>`}
    <button type="submit" class="button button--primary">${page.r("request.send", { organisation })}</button>
  </form>`;
}

function answer(page: RequestPageContext, view: RequestView): Html {
  const { request, submission } = view;
  const organisation = page.pick(request.organisation.name);
  if (request.status === "expired") return html`<p class="note" role="status">${page.r("request.expired", { date: formatDate(request.expiresAt, page.language) })}</p>`;
  if (submission === null) return chooseForm(page, view);
  if (submission.withdrawnAt !== null) return html`<p class="note" role="status">${page.r("request.withdrawn", { date: formatDate(submission.withdrawnAt, page.language), organisation })}</p>`;
  return html`<p class="success" role="status">${page.r("request.sent", { count: submission.credentials, date: formatDate(submission.submittedAt, page.language) })}
      ${submission.hidden.length === 0 ? "" : page.r("request.sentHidden", { fields: hiddenList(page, submission.hidden) })}</p>
    <p>${page.r("request.withdrawIntro", { organisation })}</p>
    <form method="post" action="/my/requests/${request.id}/withdraw">${csrfField(page)}<button type="submit" class="button button--danger">${page.r("request.withdraw")}</button></form>`;
}

/** A request as its applicant sees it: who asks (verified), their words (marked as theirs), what for, and the answer. */
export function renderRequestPage(page: RequestPageContext, view: RequestView): string {
  return renderPage(
    page,
    page.r("request.heading", { organisation: page.pick(view.request.organisation.name) }),
    html`${whoAsks(page, view.request)}
    ${whatAsked(page, view.request)}
    <section class="card" aria-labelledby="answer-heading">
      <h2 id="answer-heading">${page.r("request.choose")}</h2>
      ${view.problem === undefined ? "" : html`<p class="alert" role="alert">${view.problem}</p>`}
      ${answer(page, view)}
    </section>
    <p><a href="/my/requests">${page.r("request.history")}</a> · <a href="/my">${page.t("portal.credential.back")}</a></p>`,
  );
}
