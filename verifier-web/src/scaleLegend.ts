import type { GradingScale, TranscriptCredential } from "@credanchor/core/protocol";
import { bilingualValue } from "./bilingualValue";
import { h } from "./dom";
import { t } from "./i18n";
import type { ScaleOutcome } from "./workerProtocol";

/** Where the page reads grading scales and what it got for this one; undefined when it has no content store. */
export interface ScaleSource {
  host: string;
  outcome: Promise<ScaleOutcome>;
}

type ScaleReference = TranscriptCredential["credentialSubject"]["gradingScale"];

const COLUMNS = ["grade", "points", "meaning", "passing"] as const;

function legendTable(scale: GradingScale): HTMLElement {
  const row = (grade: string, points: string | null, meaning: HTMLElement, passing: string) => {
    const cells = { grade: h("strong", { class: "grade" }, grade), points, meaning, passing };
    return h("tr", { "data-grade": grade }, ...COLUMNS.map((column) => h("td", { "data-label": t(`transcript.scale.${column}`), "data-column": column }, cells[column])));
  };
  const rows = scale.grades.map((grade) =>
    row(
      grade.grade,
      grade.points === undefined ? null : grade.points.toFixed(2),
      bilingualValue(grade.legend, [], ""),
      t(grade.inProgress === true ? "transcript.scale.passing.inProgress" : grade.passing ? "transcript.scale.passing.yes" : "transcript.scale.passing.no"),
    ),
  );
  if (scale.marks !== undefined) rows.push(row(t("transcript.scale.marks", { max: scale.marks.max }), null, bilingualValue(scale.marks.legend, [], ""), t("transcript.scale.marksPass", { pass: scale.marks.pass })));
  return h(
    "div",
    { class: "table-box" },
    h(
      "table",
      { class: "transcript-table scale-table" },
      h("thead", {}, h("tr", {}, ...COLUMNS.map((column) => h("th", { scope: "col", "data-column": column }, t(`transcript.scale.${column}`))))),
      h("tbody", {}, ...rows),
    ),
  );
}

function outcomeView(reference: ScaleReference, host: string, outcome: ScaleOutcome): (HTMLElement | string)[] {
  const params = { id: reference.id, cid: reference.cid, host };
  if (outcome.status !== "shown") return [h("p", { class: "warning" }, t(`web.scale.${outcome.status}`, params))];
  const { scale } = outcome;
  return [
    h("p", { class: "scale__name" }, bilingualValue(scale.name, [], ""), " ", h("code", {}, scale.id)),
    legendTable(scale),
    h("p", {}, t("transcript.scale.maxGpa", { max: scale.maxGpa.toFixed(2) })),
    h("p", { class: "note" }, t("web.scale.checked", params)),
  ];
}

/**
 * The legend of a transcript's grading scale, under its terms (SPEC §12.2): fetched by CID from the page's content
 * store and shown only once the worker found the bytes to be exactly those the CID names. Until then it says it is
 * fetching; an unreachable store, other bytes or no scale say so, and grades stay as issued, never with a wrong legend.
 * Without a content store the page says the legend is published apart and cannot be obtained here.
 */
export function scaleLegend(reference: ScaleReference, source: ScaleSource | undefined): HTMLElement {
  const heading = h("h3", { class: "terms-heading" }, t("transcript.scale.heading"));
  if (source === undefined) {
    return h("section", { class: "scale", "data-scale": "unavailable" }, heading, h("p", { class: "note" }, t("transcript.scaleUnavailable", { id: reference.id, cid: reference.cid })));
  }
  const section = h("section", { class: "scale", "data-scale": "loading", "aria-live": "polite" }, heading, h("p", { class: "note" }, t("web.scale.loading", { id: reference.id })));
  void source.outcome.then((outcome) => {
    section.setAttribute("data-scale", outcome.status);
    section.replaceChildren(heading, ...outcomeView(reference, source.host, outcome));
  });
  return section;
}
