import type { LocalisedText } from "../i18n/Language";
import { localisedDate } from "../i18n/localisedDate";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { translate } from "../i18n/translate";
import type { GradingScale } from "../kinds/GradingScale";
import type { TranscriptCourse, TranscriptCredential, TranscriptTerm } from "../kinds/TranscriptCredential";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";
import type { PrintOptions } from "./PrintOptions";
import { sheetFooter } from "./sheetFooter";
import { sheetHeader } from "./sheetHeader";
import { verifyBlock } from "./verifyBlock";

const SUBJECT = "/credentialSubject";
const twoDecimals = (value: number) => value.toFixed(2);

type Cell = (PrintNode | string)[];

function th(key: ProtocolMessageKey): PrintNode {
  return printNode("th", { scope: "col" }, ...bilingual(translate(key)));
}

/** A GPA (two decimals) or a mark (as issued): its value, "hidden" where the holder hid it, nothing where none was issued. */
function sectionValue(value: number | undefined, pointer: string, hidden: ReadonlySet<string>, format: (value: number) => string = twoDecimals): Cell {
  if (value !== undefined) return [format(value)];
  return hidden.has(pointer) ? bilingual(translate("field.hiddenValue")) : [];
}

function courseRow(course: TranscriptCourse, pointer: string, hidden: ReadonlySet<string>, withMarks: boolean): PrintNode {
  const cells: Cell[] = [
    [printNode("code", {}, course.code)],
    bilingual(course.title),
    [String(course.credits)],
    [course.grade],
    course.gradePoints === undefined ? [] : [twoDecimals(course.gradePoints)],
    ...(withMarks ? [sectionValue(course.mark, `${pointer}/mark`, hidden, String)] : []),
    course.marker === undefined ? [] : bilingual(translate(`transcript.marker.${course.marker}`)),
  ];
  return printNode("tr", {}, ...cells.map((cell) => printNode("td", {}, ...cell)));
}

function termTable(term: TranscriptTerm, index: number, hidden: ReadonlySet<string>, withMarks: boolean): PrintNode {
  const pointer = `${SUBJECT}/terms/${index}`;
  const gpa = sectionValue(term.gpa, `${pointer}/gpa`, hidden);
  const columns: ProtocolMessageKey[] = [
    "transcript.course.code",
    "transcript.course.title",
    "transcript.course.credits",
    "transcript.course.grade",
    "transcript.course.gradePoints",
    ...(withMarks ? (["transcript.course.mark"] as const) : []),
    "transcript.course.note",
  ];
  return printNode(
    "table",
    { class: withMarks ? "print-courses print-courses--marks" : "print-courses" },
    // The term's heading repeats with its column names if the term runs onto the next page.
    printNode(
      "thead",
      {},
      printNode(
        "tr",
        { class: "print-term" },
        printNode("th", { colspan: String(columns.length) }, ...bilingual(term.name), ...(gpa.length === 0 ? [] : [printNode("span", { class: "print-term-gpa" }, ...bilingual(translate("transcript.termGpa")), ...gpa)])),
      ),
      printNode("tr", {}, ...columns.map(th)),
    ),
    printNode("tbody", {}, ...term.courses.map((course, j) => courseRow(course, `${pointer}/courses/${j}`, hidden, withMarks))),
  );
}

const SCALE_COLUMNS = ["transcript.scale.grade", "transcript.scale.points", "transcript.scale.meaning", "transcript.scale.passing"] as const;

/** The legend of the transcript's grading scale: each grade's points, meaning and whether it earns the credits. */
function scaleTable(scale: GradingScale): PrintNode {
  const row = (grade: Cell, points: string, meaning: LocalisedText, passing: LocalisedText) =>
    printNode("tr", {}, printNode("td", {}, ...grade), printNode("td", {}, points), printNode("td", {}, ...bilingual(meaning)), printNode("td", {}, ...bilingual(passing)));
  const rows = scale.grades.map((grade) =>
    row(
      [grade.grade],
      grade.points === undefined ? "" : twoDecimals(grade.points),
      grade.legend,
      translate(grade.inProgress === true ? "transcript.scale.passing.inProgress" : grade.passing ? "transcript.scale.passing.yes" : "transcript.scale.passing.no"),
    ),
  );
  if (scale.marks !== undefined) rows.push(row(bilingual(translate("transcript.scale.marks", { max: scale.marks.max })), "", scale.marks.legend, translate("transcript.scale.marksPass", { pass: scale.marks.pass })));
  return printNode(
    "table",
    { class: "print-scale" },
    printNode(
      "thead",
      {},
      printNode("tr", { class: "print-term" }, printNode("th", { colspan: String(SCALE_COLUMNS.length) }, ...bilingual(translate("transcript.scale.heading")), ...bilingual(scale.name))),
      printNode("tr", {}, ...SCALE_COLUMNS.map(th)),
    ),
    printNode("tbody", {}, ...rows),
    printNode("tfoot", {}, printNode("tr", {}, printNode("td", { colspan: String(SCALE_COLUMNS.length) }, ...bilingual(translate("transcript.scale.maxGpa", { max: twoDecimals(scale.maxGpa) }))))),
  );
}

/**
 * A transcript on A4 (SPEC §12.2), over as many pages as its terms need: the summary (programme, status, GPA,
 * credits), then every term's courses. A table frames the pages: its header (the university, the holder) and its
 * footer (the verification QR code) repeat on every page, and the page numbers stand in the page margin (print CSS),
 * so any one page on its own says whose transcript it is, from where, and how to check it. The grading scale's legend
 * follows the terms when the caller could obtain it.
 */
export function transcriptSheet(credential: TranscriptCredential, options: PrintOptions): PrintNode {
  const subject = credential.credentialSubject;
  const hidden = new Set(Object.keys(credential.proof.hiddenClaims ?? {}));
  const withMarks = subject.terms.some((term) => term.courses.some((course) => course.mark !== undefined)) || [...hidden].some((pointer) => pointer.endsWith("/mark"));
  const rows: PrintNode[] = [];
  const row = (label: ProtocolMessageKey, value: Cell | LocalisedText | string | undefined) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    const shown = typeof value === "string" ? [value] : Array.isArray(value) ? value : bilingual(value);
    rows.push(printNode("tr", {}, printNode("th", { scope: "row" }, ...bilingual(translate(label))), printNode("td", {}, ...shown)));
  };
  const statusDate = subject.completionDate ?? subject.asOf ?? subject.withdrawalDate ?? "";
  row("field.name", subject.name);
  row("field.studentId", subject.studentId);
  row("field.dateOfBirth", subject.dateOfBirth === undefined ? (hidden.has(`${SUBJECT}/dateOfBirth`) ? translate("field.hiddenValue") : undefined) : localisedDate(subject.dateOfBirth));
  row("transcript.programme", subject.programme);
  row("transcript.studyMode", translate(`transcript.studyMode.${subject.studyMode}`));
  row("transcript.admissionDate", localisedDate(subject.admissionDate));
  row("transcript.status", translate(`transcript.status.${subject.status}`, { date: localisedDate(statusDate) }));
  row("transcript.cumulativeGpa", sectionValue(subject.cumulativeGpa, `${SUBJECT}/cumulativeGpa`, hidden));
  row("transcript.creditsAttempted", String(subject.creditsAttempted));
  row("transcript.creditsEarned", String(subject.creditsEarned));
  row("transcript.degreeCredential", subject.degreeCredential);
  const scale = options.gradingScale;
  row(
    "transcript.gradingScale",
    scale === undefined ? [subject.gradingScale.id, printNode("div", { class: "print-note" }, ...bilingual(translate("transcript.scaleUnavailable", subject.gradingScale)))] : [...bilingual(scale.name), subject.gradingScale.id],
  );
  row("field.validFrom", localisedDate(credential.validFrom.slice(0, 10)));
  row("field.validUntil", credential.validUntil === undefined ? undefined : localisedDate(credential.validUntil.slice(0, 10)));
  row("field.credentialId", credential.id);

  const holder = printNode("p", { class: "print-holder" }, `${subject.name.en} · ${subject.name["zh-Hant"]} · ${subject.studentId}`);
  return printNode(
    "article",
    { class: "print-sheet transcript-sheet" },
    printNode(
      "table",
      { class: "print-frame" },
      printNode("thead", {}, printNode("tr", {}, printNode("td", {}, sheetHeader(translate("print.title.transcript"), credential.issuer), holder))),
      printNode("tfoot", {}, printNode("tr", {}, printNode("td", {}, verifyBlock(options, "print-verify--page"), sheetFooter(credential.proof)))),
      printNode(
        "tbody",
        {},
        printNode("tr", {}, printNode("td", {}, printNode("table", { class: "print-claims" }, ...rows), ...subject.terms.map((term, index) => termTable(term, index, hidden, withMarks)), ...(scale === undefined ? [] : [scaleTable(scale)]))),
      ),
    ),
  );
}
