import { formatDate, type Credential } from "@credanchor/core/protocol";
import { html, type Html } from "../html";
import type { AccountCredential, LiveStatus } from "../accountCredentials";
import { credentialTitle } from "./credentialTitle";
import type { PageContext } from "./PageContext";
import { csrfField, renderPage } from "./renderPage";
import { statusLine } from "./statusLine";

type Subject = Credential["credentialSubject"];

/** The subject's claims in the order a reader expects them, with their labels. */
const SUBJECT_FIELDS = ["name", "studentId", "degree", "major", "honours", "awardDate", "gpa", "dateOfBirth"] as const;
/** Claims a graduate may hide from a share link; the rest say what the credential is and stay shown. */
export const HIDEABLE_FIELDS = ["gpa", "dateOfBirth", "honours", "major", "studentId"] as const;
export const SHARE_DAYS = [7, 30, 90] as const;

function show(page: PageContext, value: Subject[(typeof SUBJECT_FIELDS)[number]], field: string): string {
  if (typeof value === "object" && value !== null) return page.pick(value);
  if (field === "awardDate" || field === "dateOfBirth") return formatDate(String(value), page.language);
  return String(value);
}

function claimsList(page: PageContext, credential: Credential): Html {
  const subject = credential.credentialSubject;
  const rows: [string, string][] = [];
  if (credential.issuer.name !== undefined) rows.push([page.t("portal.field.issuer"), page.pick(credential.issuer.name)]);
  for (const field of SUBJECT_FIELDS) {
    const value = subject[field];
    if (value !== undefined) rows.push([page.t(`portal.field.${field}`), show(page, value, field)]);
  }
  if (credential.validUntil !== undefined) rows.push([page.t("portal.field.validUntil"), formatDate(credential.validUntil, page.language)]);
  return html`<dl class="claims">${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function shareForm(page: PageContext, held: AccountCredential, canShare: boolean): Html {
  if (!canShare) return html`<p class="note">${page.t("portal.share.unavailable")}</p>`;
  const hideable = HIDEABLE_FIELDS.filter((field) => held.credential.credentialSubject[field] !== undefined);
  return html`<p>${page.t("portal.share.intro")}</p>
    <form method="post" action="/my/credentials/${encodeURIComponent(held.id)}/shares" class="share-form">
      ${csrfField(page)}
      ${hideable.length === 0
        ? ""
        : html`<fieldset><legend>${page.t("portal.share.hide")}</legend>
            ${hideable.map((field) => html`<label class="check"><input type="checkbox" name="hide" value="${field}" /> ${page.t(`portal.field.${field}`)}</label>`)}
          </fieldset>`}
      <label for="share-days">${page.t("portal.share.expires")}</label>
      <select id="share-days" name="days">
        ${SHARE_DAYS.map((days) => html`<option value="${days}">${page.t("portal.share.days", { days })}</option>`)}
      </select>
      <div class="actions">
        <button type="submit" class="button button--primary">${page.t("portal.share.create")}</button>
        <button type="submit" class="button" name="then" value="print">${page.t("portal.share.createAndPrint")}</button>
      </div>
    </form>`;
}

/** One credential of the account: its live status, what it says, its download and the share form. */
export function renderCredentialPage(page: PageContext, held: AccountCredential, status: LiveStatus, canShare: boolean): string {
  return renderPage(
    page,
    page.pick(credentialTitle(held.credential)),
    html`<p><a href="/my">${page.t("portal.credential.back")}</a></p>
    <section class="card" aria-labelledby="claims-heading">
      ${statusLine(page, held, status)}
      <h2 id="claims-heading">${page.t("portal.credential.claims")}</h2>
      ${claimsList(page, held.credential)}
      <div class="actions">
        <a class="button" href="/my/credentials/${encodeURIComponent(held.id)}/download" download>${page.t("portal.credential.download")}</a>
        <a class="button" href="/my/credentials/${encodeURIComponent(held.id)}/vc?lang=${page.language}" download>${page.t("portal.credential.downloadVc")}</a>
      </div>
      <p class="note">${page.t("portal.credential.downloadsNote")}</p>
    </section>
    <section class="card" aria-labelledby="share-heading">
      <h2 id="share-heading">${page.t("portal.share.heading")}</h2>
      ${shareForm(page, held, canShare)}
    </section>`,
  );
}
