import { formatDate, isLetter, isTranscript, renderLetter, type Credential, type Language, type LetterCredential, type TranscriptCredential } from "@credanchor/core/protocol";
import { html, type Html } from "../html";
import type { AccountCredential, LiveStatus } from "../accountCredentials";
import { hideChoices } from "../hideChoices";
import { cellLabel } from "./cellLabel";
import { credentialTitle } from "./credentialTitle";
import { hideChoiceLabel } from "./hiddenLabel";
import type { PageContext } from "./PageContext";
import { protocolText } from "./protocolText";
import { csrfField, renderPage } from "./renderPage";
import { statusLine } from "./statusLine";

type Subject = Credential["credentialSubject"];

/** The subject's claims in the order a reader expects them, with their labels. */
const SUBJECT_FIELDS = ["name", "studentId", "degree", "major", "honours", "awardDate", "gpa", "dateOfBirth"] as const;
export const SHARE_DAYS = [7, 30, 90] as const;

function show(page: PageContext, value: Subject[(typeof SUBJECT_FIELDS)[number]], field: string): string {
  if (typeof value === "object" && value !== null) return page.pick(value);
  if (field === "awardDate" || field === "dateOfBirth") return formatDate(String(value), page.language);
  return String(value);
}

function factList(rows: readonly [string, string | Html][]): Html {
  return html`<dl class="claims">${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function awardClaims(page: PageContext, credential: Credential): Html {
  const subject = credential.credentialSubject;
  const rows: [string, string][] = [];
  if (credential.issuer.name !== undefined) rows.push([page.t("portal.field.issuer"), page.pick(credential.issuer.name)]);
  for (const field of SUBJECT_FIELDS) {
    const value = subject[field];
    if (value !== undefined) rows.push([page.t(`portal.field.${field}`), show(page, value, field)]);
  }
  if (credential.validUntil !== undefined) rows.push([page.t("portal.field.validUntil"), formatDate(credential.validUntil, page.language)]);
  return factList(rows);
}

const twoDecimals = (value: number) => value.toFixed(2);

/**
 * A transcript as the verifier shows it (SPEC §12.2): who, the programme and its status with its date, cumulative GPA
 * and credits, then every term's courses (code, title, credits, grade as issued, grade points, marks, markers) and
 * term GPA. The tables become one card per course at 375 px, as the portal's other tables do.
 */
function transcriptClaims(page: PageContext, credential: TranscriptCredential): Html {
  const subject = credential.credentialSubject;
  const date = (value: string) => formatDate(value, page.language);
  const statusDate = subject.completionDate ?? subject.asOf ?? subject.withdrawalDate ?? "";
  const rows: [string, string][] = [
    [page.t("portal.field.issuer"), page.pick(credential.issuer.name)],
    [page.t("portal.field.name"), page.pick(subject.name)],
    [page.t("portal.field.studentId"), subject.studentId],
    [protocolText(page, "transcript.programme"), page.pick(subject.programme)],
    [protocolText(page, "transcript.studyMode"), protocolText(page, `transcript.studyMode.${subject.studyMode}`)],
    [protocolText(page, "transcript.admissionDate"), date(subject.admissionDate)],
    [protocolText(page, "transcript.status"), protocolText(page, `transcript.status.${subject.status}`, { date: date(statusDate) })],
  ];
  if (subject.cumulativeGpa !== undefined) rows.push([protocolText(page, "transcript.cumulativeGpa"), twoDecimals(subject.cumulativeGpa)]);
  rows.push([protocolText(page, "transcript.creditsAttempted"), String(subject.creditsAttempted)], [protocolText(page, "transcript.creditsEarned"), String(subject.creditsEarned)]);
  if (subject.dateOfBirth !== undefined) rows.push([page.t("portal.field.dateOfBirth"), date(subject.dateOfBirth)]);
  if (subject.degreeCredential !== undefined) rows.push([protocolText(page, "transcript.degreeCredential"), subject.degreeCredential]);
  rows.push([protocolText(page, "transcript.gradingScale"), subject.gradingScale.id]);
  const hasMarks = subject.terms.some((term) => term.courses.some((course) => course.mark !== undefined));
  const columns = (["code", "title", "credits", "grade", "gradePoints", "mark", "note"] as const).filter((column) => column !== "mark" || hasMarks);
  const head = (column: (typeof columns)[number]) => protocolText(page, `transcript.course.${column}`);
  return html`${factList(rows)}
    <h3>${protocolText(page, "transcript.terms")}</h3>
    ${subject.terms.map(
      (term, index) => html`<section class="term" aria-labelledby="term-${index}">
        <h4 id="term-${index}">${page.pick(term.name)} <span class="term__start">${date(term.startDate)}</span></h4>
        <div class="table-wrap"><table class="transcript-table">
          <thead><tr>${columns.map((column) => html`<th scope="col" data-column="${column}">${head(column)}</th>`)}</tr></thead>
          <tbody>
            ${term.courses.map((course) => {
              const cell: Record<(typeof columns)[number], string | Html> = {
                code: html`<code>${course.code}</code>`,
                title: page.pick(course.title),
                credits: String(course.credits),
                grade: html`<strong>${course.grade}</strong>`,
                gradePoints: course.gradePoints === undefined ? "" : twoDecimals(course.gradePoints),
                mark: course.mark === undefined ? "" : String(course.mark),
                note: course.marker === undefined ? "" : protocolText(page, `transcript.marker.${course.marker}`),
              };
              return html`<tr data-code="${course.code}">${columns.map((column) => html`<td data-column="${column}" data-label="${cellLabel(page, head(column))}">${cell[column]}</td>`)}</tr>`;
            })}
          </tbody>
        </table></div>
        ${term.gpa === undefined ? "" : html`<p class="term__gpa">${protocolText(page, "transcript.termGpa")}: ${twoDecimals(term.gpa)}</p>`}
      </section>`,
    )}`;
}

/** A certification letter as a letter (SPEC §12.3), in the page's language and then the other, with its validity. */
function letterClaims(page: PageContext, credential: LetterCredential): Html {
  const other: Language = page.language === "en" ? "zh-Hant" : "en";
  const letter = (language: Language) => {
    const { title, body } = renderLetter(credential, language);
    return html`<article class="letter" lang="${language}">
      <p class="letter__issuer">${credential.issuer.name?.[language]}</p>
      <h3>${title}</h3>
      <p class="letter__body">${body}</p>
      <p class="letter__signer">${credential.credentialSubject.signerOffice[language]}</p>
    </article>`;
  };
  const date = (value: string) => formatDate(value.slice(0, 10), page.language);
  return html`<div class="letters">${letter(page.language)}${letter(other)}</div>
    ${factList([
      [protocolText(page, "letter.validityLabel"), protocolText(page, "letter.validity", { from: date(credential.validFrom), until: date(credential.validUntil) })],
      [page.t("portal.field.name"), page.pick(credential.credentialSubject.name)],
      [page.t("portal.field.studentId"), credential.credentialSubject.studentId],
    ])}`;
}

function shareForm(page: PageContext, held: AccountCredential, canShare: boolean): Html {
  if (!canShare) return html`<p class="note">${page.t("portal.share.unavailable")}</p>`;
  const choices = [...hideChoices(held.credential).keys()];
  return html`<p>${page.t(isLetter(held.credential) ? "portal.share.introLetter" : "portal.share.intro")}</p>
    <form method="post" action="/my/credentials/${encodeURIComponent(held.id)}/shares" class="share-form">
      ${csrfField(page)}
      ${choices.length === 0
        ? ""
        : html`<fieldset><legend>${page.t("portal.share.hide")}</legend>
            ${choices.map((choice) => html`<label class="check"><input type="checkbox" name="hide" value="${choice}" /> ${hideChoiceLabel(page, choice)}</label>`)}
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

/** One credential of the account, of any kind, shown as the verifier shows it: its live status, what it says, its downloads and the share form. */
export function renderCredentialPage(page: PageContext, held: AccountCredential, status: LiveStatus, canShare: boolean): string {
  const { credential } = held;
  const claims = isTranscript(credential) ? transcriptClaims(page, credential) : isLetter(credential) ? letterClaims(page, credential) : awardClaims(page, credential);
  return renderPage(
    page,
    page.pick(credentialTitle(credential)),
    html`<p><a href="/my">${page.t("portal.credential.back")}</a></p>
    <section class="card" aria-labelledby="claims-heading">
      ${statusLine(page, held, status)}
      <h2 id="claims-heading">${page.t("portal.credential.claims")}</h2>
      ${claims}
      <div class="actions">
        <a class="button" href="/my/credentials/${encodeURIComponent(held.id)}/download" download>${page.t("portal.credential.download")}</a>
        <a class="button" href="/my/credentials/${encodeURIComponent(held.id)}/vc?lang=${page.language}" download>${page.t(isTranscript(credential) ? "portal.credential.downloadClr" : "portal.credential.downloadVc")}</a>
      </div>
      <p class="note">${page.t(isTranscript(credential) ? "portal.credential.downloadsNoteClr" : "portal.credential.downloadsNote")}</p>
    </section>
    <section class="card" aria-labelledby="share-heading">
      <h2 id="share-heading">${page.t("portal.share.heading")}</h2>
      ${shareForm(page, held, canShare)}
    </section>`,
  );
}
