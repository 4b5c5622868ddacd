import {
  formatDate,
  transcriptSectionOf,
  type CheckResult,
  type CredentialKind,
  type LetterCredential,
  type LocalisedText,
  type TranscriptCredential,
  type VerificationReport,
} from "@credanchor/core/protocol";
import { bilingualValue } from "./bilingualValue";
import { credentialContent, type CredentialContent } from "./credentialContent";
import { h } from "./dom";
import { factRow } from "./factRow";
import { hiddenValue } from "./hiddenValue";
import { language, t, type MessageKey } from "./i18n";
import { statusIcon } from "./icons";
import { letterView } from "./letterView";
import type { ScaleSource } from "./scaleLegend";
import { transcriptView } from "./transcriptView";
import type { VerifiedCredential } from "./verifierClient";

const shownDate = (value: string) => formatDate(value, language());

type Bilingual = Partial<LocalisedText> | undefined;

const SUBJECT_FIELDS: Record<string, MessageKey> = {
  name: "field.name",
  studentId: "field.studentId",
  degree: "field.degree",
  major: "field.major",
  honours: "field.honours",
  awardDate: "field.awardDate",
  gpa: "field.gpa",
  dateOfBirth: "field.dateOfBirth",
};
const DOCUMENT_FIELDS: Record<string, MessageKey> = {
  id: "field.credentialId",
  validFrom: "field.validFrom",
  validUntil: "field.validUntil",
  issuer: "field.issuer",
};

/**
 * A hidden claim's JSON Pointer in words ("Name (English)"); a transcript's GPA or mark by its section (hidden only as
 * a whole); pointers we have no name for are shown as they are.
 */
export function pointerLabel(pointer: string): string {
  const section = transcriptSectionOf(pointer);
  if (section !== undefined && section !== "dateOfBirth") return t(`transcript.section.${section}`);
  const match = /^\/(?:credentialSubject\/(\w+)|(id|validFrom|validUntil)|(issuer)\/name)(?:\/(en|zh-Hant))?$/.exec(pointer);
  const key = match ? (match[1] !== undefined ? SUBJECT_FIELDS[match[1]] : DOCUMENT_FIELDS[match[2] ?? match[3] ?? ""]) : undefined;
  if (match === null || key === undefined) return pointer;
  const field = t(key);
  if (match[4] === "en") return t("web.field.english", { field });
  if (match[4] === "zh-Hant") return t("web.field.chinese", { field });
  return field;
}

/** How far the shown content can be relied on: confirmed (VALID), unconfirmed, or altered after issue (INTEGRITY failed). */
type ContentStanding = "confirmed" | "unconfirmed" | "altered";

/** An award's claims (SPEC §1), one row each. */
function awardFacts(content: CredentialContent, hidden: readonly string[], issuerName: Bilingual): HTMLElement {
  const subject = "/credentialSubject";
  const plain = (value: string | undefined, pointer: string, format: (v: string) => string = (v) => v) =>
    value !== undefined ? format(value) : hidden.includes(pointer) ? hiddenValue() : null;
  const rows: [MessageKey, Node | string | null][] = [
    ["field.name", bilingualValue(content.name, hidden, `${subject}/name`)],
    ["field.degree", bilingualValue(content.degree, hidden, `${subject}/degree`)],
    ["field.major", bilingualValue(content.major, hidden, `${subject}/major`)],
    ["field.honours", content.honours || hidden.some((p) => p.startsWith(`${subject}/honours`)) ? bilingualValue(content.honours, hidden, `${subject}/honours`) : null],
    ["field.awardDate", plain(content.awardDate, `${subject}/awardDate`, shownDate)],
    ["field.gpa", plain(content.gpa === undefined ? undefined : content.gpa.toFixed(2), `${subject}/gpa`)],
    ["field.studentId", plain(content.studentId, `${subject}/studentId`)],
    ["field.dateOfBirth", plain(content.dateOfBirth, `${subject}/dateOfBirth`, shownDate)],
    ["field.issuer", issuerName ? bilingualValue(issuerName, hidden, "/issuer/name") : null],
    ["field.validFrom", plain(content.validFrom, "/validFrom", shownDate)],
    ["field.validUntil", plain(content.validUntil, "/validUntil", shownDate)],
    ["field.credentialId", plain(content.id, "/id")],
  ];
  return h("dl", { class: "facts" }, ...rows.filter((r): r is [MessageKey, Node | string] => r[1] !== null).map(([key, value]) => factRow(t(key), value)));
}

/** Where a transcript's grading scale `cid` comes from: undefined when the page has no content store. */
export type ScaleLookup = (cid: string) => ScaleSource | undefined;

/** The credential's content as its kind is read: an award's facts, a transcript's terms, a letter's text. */
function contentOfKind(kind: CredentialKind, credentialText: string, hidden: readonly string[], issuerName: Bilingual, scales: ScaleLookup): HTMLElement[] {
  if (kind === "transcript") {
    const transcript = JSON.parse(credentialText) as TranscriptCredential;
    return transcriptView(transcript, hidden, issuerName ? bilingualValue(issuerName, hidden, "/issuer/name") : null, scales(transcript.credentialSubject.gradingScale.cid));
  }
  if (kind === "letter") return letterView(JSON.parse(credentialText) as LetterCredential, issuerName);
  return [awardFacts(credentialContent(credentialText), hidden, issuerName)];
}

function contentSection(kind: CredentialKind, body: HTMLElement[], standing: ContentStanding): HTMLElement {
  // Altered content is still shown, since a clerk may need to see what was forged, but greyed and struck out
  // and below the checks, so the forged name is never what the eye lands on.
  return h(
    "section",
    { class: standing === "altered" ? "card content content--altered" : "card content", "aria-labelledby": "content-heading", "data-standing": standing, "data-kind": kind },
    h("h2", { id: "content-heading" }, standing === "altered" ? t("web.content.alteredHeading") : t(`kind.${kind}`)),
    standing !== "confirmed" && h("p", { class: "warning" }, t(standing === "altered" ? "web.content.altered" : "web.content.unconfirmed")),
    ...body,
  );
}

function hiddenSection(hidden: readonly string[]): HTMLElement {
  return h(
    "section",
    { class: "card", "aria-labelledby": "hidden-heading" },
    h("h2", { id: "hidden-heading" }, t("web.hidden.heading")),
    hidden.length === 0
      ? h("p", {}, t("web.hidden.none"))
      : h("div", {}, h("p", {}, t("web.hidden.explain")), h("ul", { class: "hidden-list" }, ...[...new Set(hidden.map(pointerLabel))].map((label) => h("li", {}, label)))),
  );
}

function chainSection(report: VerificationReport, anchor: CheckResult | undefined): HTMLElement {
  const batch = anchor?.status === "VALID" ? (anchor.data as { blockNumber?: number; anchoredAt?: string } | undefined) : undefined;
  const rows = [
    report.chain && factRow(t("web.anchor.chain"), String(report.chain.chainId)),
    batch?.blockNumber !== undefined && factRow(t("web.anchor.block"), String(batch.blockNumber)),
    batch?.anchoredAt !== undefined && factRow(t("web.anchor.time"), shownDate(batch.anchoredAt)),
    report.chain && factRow(t("web.anchor.verifiedBlock"), h("span", {}, `${report.chain.blockNumber} `, h("code", { class: "hash" }, report.chain.blockHash))),
    factRow(t("web.anchor.verifiedAt"), shownDate(report.verifiedAt)),
  ];
  return h(
    "section",
    { class: "card", "aria-labelledby": "chain-heading" },
    h("h2", { id: "chain-heading" }, t("web.anchor.heading")),
    h("dl", { class: "facts" }, ...rows.filter((r): r is HTMLElement => r instanceof HTMLElement)),
  );
}

/**
 * The seven checks, collapsed under the verdict: the verdict already says why; a reader who wants the evidence opens
 * them. For an input that is no credential they are the "technical details" (the schema errors live there).
 */
function checksSection(checks: readonly CheckResult[], credentialInput: boolean): HTMLElement {
  const passed = checks.filter((check) => check.status === "VALID").length;
  return h(
    "details",
    { class: "card checks-card", id: "checks" },
    h(
      "summary",
      { id: "checks-heading" },
      credentialInput ? t("web.checks.summary", { heading: t("web.checks.heading"), passed, total: checks.length }) : t("web.checks.technical"),
    ),
    h(
      "ol",
      { class: "checks" },
      ...checks.map((check) =>
        h(
          "li",
          { class: `check check--${check.status}`, "data-check": check.check, "data-check-status": check.status, "data-code": check.code },
          statusIcon(check.status, "check__icon"),
          h(
            "div",
            { class: "check__body" },
            h(
              "h3",
              { class: "check__title" },
              t(`checkName.${check.check}` as MessageKey),
              " ",
              h("span", { class: "check__status" }, t(`web.checkStatus.${check.status}` as MessageKey)),
            ),
            h("p", { class: "check__help" }, t(`checkHelp.${check.check}` as MessageKey)),
            h("p", { class: "check__message" }, check.message[language()]),
          ),
        ),
      ),
    ),
  );
}

/** The one-line verdict, as a screen reader announces it: the status, then its cause. */
export function announcement(verified: VerifiedCredential): string {
  return t("web.announce", { verdict: t(`report.${verified.report.status}`), detail: verified.headline[language()] });
}

/** What stands under the headline: for a failure the deciding check's own message (dates, reason), else the verdict's meaning. */
function verdictDetail(verified: VerifiedCredential): string {
  const { report } = verified;
  if (verified.input !== "credential" && verified.input !== "vcExport") return t("web.verdict.notCredential");
  const deciding = report.checks.find((c) => c.status === "INVALID") ?? report.checks.find((c) => c.status === "ERROR");
  if (deciding === undefined || deciding.check === "FORMAT") return t(`web.verdict.${report.status}`);
  return report.status === "ERROR" ? t("web.verdict.ERROR") : deciding.message[language()];
}

/**
 * The result of one verification: the verdict first, stating its cause in words (colour, shape and words; never
 * green or red when a check could not be made), the seven checks collapsed under it, then the credential's content
 * (struck out when altered), what was hidden and the chain record.
 */
export function renderReport(verified: VerifiedCredential, scales: ScaleLookup): HTMLElement[] {
  const { report, credentialText } = verified;
  const format = report.checks.find((c) => c.check === "FORMAT");
  const integrity = report.checks.find((c) => c.check === "INTEGRITY");
  const anchor = report.checks.find((c) => c.check === "ANCHOR");
  const issuerCheck = report.checks.find((c) => c.check === "ISSUER");
  const registered = issuerCheck?.status === "VALID" ? (issuerCheck.data as { nameEn?: string; nameZh?: string } | undefined) : undefined;
  const issuerName: Bilingual = registered?.nameEn !== undefined ? { en: registered.nameEn, "zh-Hant": registered.nameZh } : report.credential?.issuerName;
  const credentialInput = verified.input === "credential" || verified.input === "vcExport";

  const verdict = h(
    "div",
    { class: `verdict verdict--${report.status}`, "data-testid": "verification-status", "data-status": report.status, "data-input": verified.input },
    statusIcon(report.status, "verdict__icon"),
    h(
      "div",
      { class: "verdict__text" },
      h("p", { class: "verdict__status" }, t(`report.${report.status}`)),
      h("h2", { class: "verdict__title", id: "verdict-title", tabindex: "-1" }, verified.headline[language()]),
      h("p", { class: "verdict__detail" }, verdictDetail(verified)),
      format?.code === "FORMAT_INVALID_JSON" && h("p", { class: "verdict__hint" }, t("web.hint.notJson")),
    ),
  );
  const credential = report.credential;
  const standing: ContentStanding = integrity?.status === "INVALID" ? "altered" : report.status === "VALID" ? "confirmed" : "unconfirmed";
  return [
    verdict,
    checksSection(report.checks, credentialInput),
    ...(credential === null
      ? []
      : [contentSection(credential.kind, contentOfKind(credential.kind, credentialText, credential.hiddenClaims, issuerName, scales), standing), hiddenSection(credential.hiddenClaims)]),
    ...(credentialInput ? [chainSection(report, anchor)] : []),
  ];
}
