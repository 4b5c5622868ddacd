import { formatDate, type TranscriptCourse, type TranscriptCredential, type TranscriptTerm } from "@credanchor/core/protocol";
import { bilingualValue } from "./bilingualValue";
import { h } from "./dom";
import { factRow } from "./factRow";
import { hiddenValue } from "./hiddenValue";
import { language, t, type MessageKey } from "./i18n";
import { scaleLegend, type ScaleSource } from "./scaleLegend";

const SUBJECT = "/credentialSubject";

/** The columns of a term's table, in order; `mark` only when the transcript has marks (shown or hidden). */
const COLUMNS = ["code", "title", "credits", "grade", "gradePoints", "mark", "note"] as const;
type Column = (typeof COLUMNS)[number];

const twoDecimals = (value: number) => value.toFixed(2);

/**
 * A number of a hideable section (a GPA with two decimals, a mark as issued): its value, "hidden" when the holder hid
 * it, nothing when none was issued.
 */
function sectionNumber(value: number | undefined, pointer: string, hidden: readonly string[], format: (value: number) => string = twoDecimals): Node | string | null {
  if (value !== undefined) return format(value);
  return hidden.includes(pointer) ? hiddenValue() : null;
}

function courseRow(course: TranscriptCourse, pointer: string, hidden: readonly string[], columns: readonly Column[]): HTMLElement {
  const cell: Record<Column, () => Node | string | null> = {
    code: () => h("code", {}, course.code),
    title: () => bilingualValue(course.title, hidden, `${pointer}/title`),
    credits: () => String(course.credits),
    grade: () => h("strong", { class: "grade" }, course.grade),
    gradePoints: () => (course.gradePoints === undefined ? null : twoDecimals(course.gradePoints)),
    mark: () => sectionNumber(course.mark, `${pointer}/mark`, hidden, String),
    note: () => (course.marker === undefined ? null : h("span", { class: `marker marker--${course.marker}` }, t(`transcript.marker.${course.marker}`))),
  };
  return h(
    "tr",
    { "data-code": course.code, ...(course.marker === undefined ? {} : { "data-marker": course.marker }) },
    ...columns.map((column) => h("td", { "data-label": t(`transcript.course.${column}` as MessageKey), "data-column": column }, cell[column]())),
  );
}

function termSection(term: TranscriptTerm, index: number, hidden: readonly string[], columns: readonly Column[]): HTMLElement {
  const pointer = `${SUBJECT}/terms/${index}`;
  const gpa = sectionNumber(term.gpa, `${pointer}/gpa`, hidden);
  return h(
    "section",
    { class: "term", "data-term": term.id, "aria-labelledby": `term-${index}` },
    h("h4", { class: "term__name", id: `term-${index}` }, bilingualValue(term.name, hidden, `${pointer}/name`), h("span", { class: "term__start" }, formatDate(term.startDate, language()))),
    // The table scrolls inside its own box on a narrow screen (and reflows into cards below 40rem, styles.css).
    h(
      "div",
      { class: "table-box" },
      h(
        "table",
        { class: "transcript-table" },
        h("thead", {}, h("tr", {}, ...columns.map((column) => h("th", { scope: "col", "data-column": column }, t(`transcript.course.${column}` as MessageKey))))),
        h("tbody", {}, ...term.courses.map((course, j) => courseRow(course, `${pointer}/courses/${j}`, hidden, columns))),
      ),
    ),
    gpa !== null && h("p", { class: "term__gpa" }, `${t("transcript.termGpa")}: `, gpa),
  );
}

function statusText(subject: TranscriptCredential["credentialSubject"]): string {
  const date = subject.completionDate ?? subject.asOf ?? subject.withdrawalDate ?? "";
  return t(`transcript.status.${subject.status}`, { date: formatDate(date, language()) });
}

/**
 * A transcript as a registry prints it (SPEC §12.2): who and what programme, the status with its date, cumulative
 * GPA and credits, then every term in order with its courses (code, bilingual title, credits, grade as issued, grade
 * points, marks and repeat/exemption/transfer markers) and term GPA. Hidden sections say so where they would stand.
 * The grading scale's legend is published apart from the transcript and shown under the terms (scaleLegend).
 */
export function transcriptView(credential: TranscriptCredential, hidden: readonly string[], issuerName: Node | null, scale: ScaleSource | undefined): HTMLElement[] {
  const subject = credential.credentialSubject;
  const hasMarks = subject.terms.some((term) => term.courses.some((course) => course.mark !== undefined)) || hidden.some((pointer) => pointer.endsWith("/mark"));
  const columns = COLUMNS.filter((column) => column !== "mark" || hasMarks);
  const date = (value: string) => formatDate(value, language());
  const rows: [string, Node | string | null][] = [
    [t("field.name"), bilingualValue(subject.name, hidden, `${SUBJECT}/name`)],
    [t("field.studentId"), subject.studentId],
    [t("field.dateOfBirth"), subject.dateOfBirth !== undefined ? date(subject.dateOfBirth) : hidden.includes(`${SUBJECT}/dateOfBirth`) ? hiddenValue() : null],
    [t("transcript.programme"), bilingualValue(subject.programme, hidden, `${SUBJECT}/programme`)],
    [t("transcript.studyMode"), t(`transcript.studyMode.${subject.studyMode}`)],
    [t("transcript.admissionDate"), date(subject.admissionDate)],
    [t("transcript.status"), statusText(subject)],
    [t("transcript.cumulativeGpa"), sectionNumber(subject.cumulativeGpa, `${SUBJECT}/cumulativeGpa`, hidden)],
    [t("transcript.creditsAttempted"), String(subject.creditsAttempted)],
    [t("transcript.creditsEarned"), String(subject.creditsEarned)],
    [t("field.issuer"), issuerName],
    // The day of issue and the last valid day (SPEC §12.2): their times carry nothing a reader needs.
    [t("field.validFrom"), date(credential.validFrom.slice(0, 10))],
    [t("field.validUntil"), credential.validUntil === undefined ? null : date(credential.validUntil.slice(0, 10))],
    [t("field.credentialId"), credential.id],
    [
      t("transcript.degreeCredential"),
      subject.degreeCredential === undefined ? null : h("span", {}, subject.degreeCredential, h("span", { class: "note" }, t("transcript.degreeCredentialNote"))),
    ],
    [t("transcript.gradingScale"), h("span", {}, h("strong", {}, subject.gradingScale.id), " ", h("code", { class: "hash" }, subject.gradingScale.cid))],
  ];
  return [
    h("dl", { class: "facts" }, ...rows.filter((r): r is [string, Node | string] => r[1] !== null).map(([label, value]) => factRow(label, value))),
    h("h3", { class: "terms-heading" }, t("transcript.terms")),
    ...subject.terms.map((term, index) => termSection(term, index, hidden, columns)),
    scaleLegend(subject.gradingScale, scale),
  ];
}
