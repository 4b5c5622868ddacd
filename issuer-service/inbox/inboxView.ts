import { CLAIM_FIELDS, CREDENTIAL_KINDS, translate, type LocalisedText } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import type { RequestPage } from "../requests/institutionRequests";
import { REQUEST_STATUSES } from "../requests/RequestStatus";
import type { Submission } from "../requests/readSubmission";
import { ApiError } from "../console/ApiError";
import { dataTable, type Column } from "../console/dataTable";
import { errorText } from "../console/errorText";
import { fill, h, type Children } from "../console/h";
import { i18n } from "../console/i18n";
import { checkSubmittedClaims } from "./checkSubmittedClaims";
import { filterRows, type RowFilter } from "./filterRows";
import { inboxApi } from "./inboxApi";
import type { InboxPageConfig } from "./InboxPageConfig";
import { inboxCsv } from "./inboxCsv";
import type { CheckedCredential, InboxRequest, InboxRow } from "./InboxRow";
import { rpcSetting } from "./rpcSetting";
import { submissionVerifier } from "./submissionVerifier";

/** Submissions fetched and verified at once: enough to overlap round trips without flooding service or node. */
const CONCURRENCY = 4;

/** A text in the page's language, or the other half when only that one is shown. */
function pick(text: Partial<LocalisedText> | null): string {
  return text?.[i18n.language] ?? text?.en ?? text?.["zh-Hant"] ?? "";
}

const day = (moment: string) => i18n.date(moment.slice(0, 10));
const VERDICT_CHIP = { VALID: "valid", INVALID: "revoked", ERROR: "pending" } as const;
const CLAIM_CHIP = { match: "valid", mismatch: "revoked", notClaimed: "superseded", notShown: "superseded" } as const;

function claimedText(request: InboxRequest): string {
  const { name, award, university, awardYear } = request.claimed;
  const details = [name, award, university, awardYear].filter((value) => value !== "");
  return details.length === 0 ? i18n.t("inbox.claimed.none") : i18n.t("inbox.claimed", { details: details.join(" · ") });
}

function credentialBlock(credential: CheckedCredential): HTMLElement {
  const verdict = translate(`report.${credential.status}`)[i18n.language];
  const facts: Children[] = [
    credential.studentId === null ? null : h("li", {}, i18n.t("inbox.credential.student", { id: credential.studentId })),
    credential.awardDate === null ? null : h("li", {}, i18n.t("inbox.credential.awarded", { date: i18n.date(credential.awardDate) })),
    credential.blockNumber === null ? null : h("li", {}, i18n.t("inbox.credential.block", { block: i18n.count(credential.blockNumber) })),
    h("li", {}, i18n.t("inbox.credential.checkedAt", { date: i18n.date(credential.verifiedAt) })),
  ];
  const { claims } = credential;
  return h(
    "div",
    { class: "submitted", "data-status": credential.status },
    h("p", { class: "submitted__verdict" }, h("span", { class: `chip chip--${VERDICT_CHIP[credential.status]}` }, verdict), " ", h("span", { "data-headline": true }, credential.headline[i18n.language])),
    h("p", { class: "submitted__name" }, h("strong", {}, pick(credential.name))),
    h(
      "p",
      { class: "submitted__what" },
      [credential.kind === null ? "" : i18n.t(`kind.${credential.kind}`), pick(credential.award), pick(credential.university)].filter((part) => part !== "").join(" · "),
    ),
    h("ul", { class: "submitted__facts" }, facts),
    claims === null
      ? h("p", { class: "help" }, i18n.t("inbox.check.unverified"))
      : h(
          "dl",
          { class: "claims", "aria-label": i18n.t("inbox.check.heading") },
          CLAIM_FIELDS.map((field) => [
            h("dt", {}, i18n.t(`inbox.check.${field}`)),
            h("dd", { "data-claim": field, "data-outcome": claims[field] }, h("span", { class: `chip chip--${CLAIM_CHIP[claims[field]]}` }, i18n.t(`inbox.check.${claims[field]}`))),
          ]),
        ),
  );
}

function verificationCell({ request, submission }: InboxRow): Children {
  switch (submission.state) {
    case "verifying":
      return h("p", { class: "busy" }, i18n.t("inbox.verifying"));
    case "failed":
      return h("p", { class: "error" }, i18n.t("inbox.failed", { reason: submission.reason[i18n.language] }));
    case "verified":
      return submission.credentials.map(credentialBlock);
  }
  if (request.submission === null) return h("p", { class: "help" }, i18n.t("inbox.notSubmitted"));
  return h("p", { class: "help" }, i18n.t(request.status === "withdrawn" ? "inbox.gone.withdrawn" : "inbox.gone.expired"));
}

const COLUMNS: Column<InboxRow>[] = [
  {
    heading: "inbox.column.applicant",
    rowHeader: true,
    cell: ({ request }) => [h("span", { class: "reference" }, request.applicantReference), h("span", { class: "claimed" }, claimedText(request))],
  },
  {
    heading: "inbox.column.request",
    cell: ({ request }) => [
      h("span", { class: `chip chip--request-${request.status}` }, i18n.t(`inbox.status.${request.status}`)),
      h("span", { class: "request-line" }, request.kinds.map((kind) => i18n.t(`kind.${kind}`)).join(" · ")),
      h("span", { class: "request-line" }, i18n.t("inbox.dates", { created: day(request.createdAt), expires: day(request.expiresAt) })),
      request.submission === null ? null : h("span", { class: "request-line" }, i18n.t("inbox.submittedAt", { date: i18n.date(request.submission.submittedAt) })),
    ],
  },
  { heading: "inbox.column.verification", cell: verificationCell },
];

function select(id: string, label: MessageKey, options: { value: string; text: string }[], value: string, onChange: (value: string) => void): HTMLElement {
  return h(
    "div",
    { class: "filter" },
    h("label", { for: id }, i18n.t(label)),
    h(
      "select",
      { id, onchange: (event: Event) => onChange((event.target as HTMLSelectElement).value) },
      options.map((option) => h("option", { value: option.value, selected: option.value === value }, option.text)),
    ),
  );
}

/**
 * The organisation's inbox: every request with its status, and every live submission fetched (an audited read)
 * and verified in this browser against the chain, with the applicant's claimed details checked field by field;
 * filters, progress, and the CSV export of what is on screen.
 */
export function inboxView(config: InboxPageConfig): { element: HTMLElement; load(): Promise<void>; render(): void } {
  const element = h("section", { "aria-labelledby": "inbox-heading" });
  const verifier = submissionVerifier();
  const filter: RowFilter = { status: "", kind: "", text: "" };
  let rows: InboxRow[] = [];
  // What to say, kept as functions so a language switch redraws them in the new language.
  let message: (() => string) | null = null;
  let rpcMessage: (() => string) | null = null;
  // Open while the reviewer uses a node of their own, and as they left it across redraws.
  let settingsOpen = rpcSetting.override !== null;
  let loaded = false;
  let run = 0;

  const rpcUrl = () => rpcSetting.override ?? config.rpcUrl;
  const shown = () => filterRows(rows, filter);
  const progress = () => {
    const live = rows.filter((row) => row.submission.state !== "none");
    return { done: live.filter((row) => row.submission.state !== "verifying").length, total: live.length };
  };

  function exportCsv(): void {
    const link = h("a", { href: URL.createObjectURL(new Blob([inboxCsv(shown())], { type: "text/csv;charset=utf-8" })), download: "inbox.csv" });
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function settings(): HTMLElement {
    const input = h("input", { id: "rpc-url", type: "text", inputmode: "url", spellcheck: "false", value: rpcUrl(), "aria-describedby": "rpc-help" });
    const said = h("p", { role: "status", class: "message" }, rpcMessage?.() ?? "");
    const use = (changed: boolean) => {
      const url = rpcUrl();
      rpcMessage = changed ? () => i18n.t("inbox.settings.saved", { url }) : () => i18n.t("inbox.settings.invalid");
      said.textContent = rpcMessage();
      if (changed) void verifyAll();
    };
    const details = h(
      "details",
      { class: "settings", open: settingsOpen },
      h("summary", {}, i18n.t("inbox.settings")),
      h("label", { for: "rpc-url" }, i18n.t("inbox.settings.rpc")),
      input,
      h("p", { id: "rpc-help", class: "help" }, i18n.t("inbox.settings.rpcHelp", { url: config.rpcUrl })),
      h(
        "div",
        { class: "button-row" },
        h("button", { type: "button", class: "button", onclick: () => use(rpcSetting.set(input.value.trim())) }, i18n.t("inbox.settings.save")),
        h(
          "button",
          {
            type: "button",
            class: "button",
            onclick: () => {
              rpcSetting.reset();
              use(true);
            },
          },
          i18n.t("inbox.settings.reset"),
        ),
      ),
      said,
    );
    details.addEventListener("toggle", () => {
      settingsOpen = details.open;
    });
    return details;
  }

  function filters(): HTMLElement {
    const any = { value: "", text: i18n.t("inbox.filter.any") };
    const search = h("input", {
      id: "filter-text",
      type: "search",
      value: filter.text,
      oninput: (event: Event) => {
        filter.text = (event.target as HTMLInputElement).value;
        drawTable();
      },
    });
    return h(
      "fieldset",
      { class: "filter-row" },
      h("legend", {}, i18n.t("inbox.filters")),
      select("filter-status", "inbox.filter.status", [any, ...REQUEST_STATUSES.map((status) => ({ value: status, text: i18n.t(`inbox.status.${status}`) }))], filter.status, (value) => {
        filter.status = value as RowFilter["status"];
        drawTable();
      }),
      select("filter-kind", "inbox.filter.kind", [any, ...CREDENTIAL_KINDS.map((kind) => ({ value: kind, text: i18n.t(`kind.${kind}`) }))], filter.kind, (value) => {
        filter.kind = value as RowFilter["kind"];
        drawTable();
      }),
      h("div", { class: "filter filter--text" }, h("label", { for: "filter-text" }, i18n.t("inbox.filter.text")), search),
    );
  }

  const table = h("div", { id: "inbox-rows" });
  const status = h("div", { id: "inbox-progress", class: "progress" });

  function drawProgress(): void {
    const { done, total } = progress();
    const range = loaded ? i18n.t("inbox.range", { shown: i18n.count(shown().length), count: i18n.count(rows.length) }) : i18n.t("inbox.loading");
    fill(status, [
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? range),
      total === 0
        ? null
        : [
            h("label", { for: "verify-progress" }, done === total ? i18n.t("inbox.progressDone", { total: i18n.count(total) }) : i18n.t("inbox.progress", { done: i18n.count(done), total: i18n.count(total) })),
            h("progress", { id: "verify-progress", max: total, value: done }),
          ],
    ]);
  }

  function drawTable(): void {
    drawProgress();
    fill(table, [dataTable(COLUMNS, shown())]);
    for (const [index, tr] of Array.from(table.querySelectorAll("tbody tr")).entries()) tr.setAttribute("data-request", shown()[index]!.request.id);
  }

  let drawPending = false;
  /** One redraw per frame however many submissions finish in it: a long list is not rebuilt once per answer. */
  function scheduleDraw(): void {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      drawTable();
    });
  }

  function render(): void {
    fill(element, [
      h(
        "div",
        { class: "view-head" },
        h("h2", { id: "inbox-heading", tabindex: -1 }, i18n.t("inbox.heading")),
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "button", onclick: () => void load() }, i18n.t("console.refresh")),
          h("button", { type: "button", class: "button", onclick: () => void verifyAll() }, i18n.t("inbox.verifyAgain")),
          h("button", { type: "button", class: "button button--primary", onclick: exportCsv }, i18n.t("inbox.export")),
        ),
      ),
      h("p", { class: "help" }, i18n.t("inbox.intro")),
      settings(),
      filters(),
      status,
      table,
    ]);
    drawTable();
  }

  async function verifyOne(row: InboxRow, current: number): Promise<void> {
    const { request } = row;
    let submission: Submission;
    try {
      submission = await inboxApi.get<Submission>(`/api/v1/requests/${request.id}/submission`);
    } catch (error) {
      const reason = error instanceof ApiError ? { en: error.localised("en"), "zh-Hant": error.localised("zh-Hant") } : { en: String(error), "zh-Hant": String(error) };
      if (current === run) row.submission = { state: "failed", reason };
      return;
    }
    const result = await verifier.verify({ rpcUrl: rpcUrl(), deployment: config.deployment, credentials: submission.credentials });
    if (current !== run) return;
    row.submission =
      "failure" in result
        ? { state: "failed", reason: { en: result.failure, "zh-Hant": result.failure } }
        : { state: "verified", credentials: checkSubmittedClaims(request.applicantReference, request.claimed, result.credentials) };
  }

  /** Fetches and verifies every live submission again; a newer run (Refresh, another node) makes this one stop. */
  async function verifyAll(): Promise<void> {
    const current = ++run;
    const live = rows.filter((row) => row.request.status === "submitted");
    for (const row of live) row.submission = { state: "verifying" };
    render();
    let next = 0;
    const lane = async () => {
      while (next < live.length && current === run) {
        await verifyOne(live[next++]!, current);
        if (current === run) scheduleDraw();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  }

  async function load(): Promise<void> {
    loaded = false;
    message = null;
    render();
    const requests: InboxRequest[] = [];
    try {
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
        const page: RequestPage & { items: InboxRequest[] } = await inboxApi.get(`/api/v1/requests?limit=100${query}`);
        requests.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
    } catch (error) {
      message = () => errorText(error);
      drawProgress();
      return;
    }
    rows = requests.map((request) => ({ request, submission: { state: "none" } }));
    loaded = true;
    await verifyAll();
  }

  return { element, load, render };
}

