import type { TranscriptRecord } from "@credanchor/core/issue";
import { type Language, type LetterCredential, renderLetter } from "@credanchor/core/protocol";
import type { MessageKey } from "../../i18n/en";
import { api } from "../api";
import type { Batch, CredentialDetail, HistoryEvent } from "../ApiTypes";
import { confirmAction } from "../confirmAction";
import { errorText } from "../errorText";
import { followBatch } from "../followBatch";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import { reasonFields } from "../reasonFields";
import { statusChip } from "../statusChip";
import { transcriptFacts } from "../transcriptFacts";
import type { ConsoleContext, View } from "../View";

const CORRECTABLE = ["nameEn", "nameZh", "degreeEn", "degreeZh", "majorEn", "majorZh", "honoursEn", "honoursZh", "awardDate"] as const;
type Correctable = (typeof CORRECTABLE)[number];
/** How the other credential of a history event relates to this one. */
const RELATED_LABEL: Record<HistoryEvent["event"], MessageKey> = {
  issued: "console.history.related",
  reissued: "console.history.replaces",
  revoked: "console.history.related",
  superseded: "console.history.supersededBy",
  reissueRequested: "console.history.replacement",
};

/**
 * The fields the reissue form corrects: an award's. A transcript or letter is reissued as it was (the service dates
 * it today); its rows are corrected by uploading them again as a correction.
 */
const correctable = (current: CredentialDetail): readonly Correctable[] => (current.kind === "award" ? CORRECTABLE : []);

/** Who took a history step: the service itself, the consortium council (a revocation on chain), or an API key. */
function byLine(by: string): string {
  if (by === "worker") return i18n.t("console.history.byService");
  if (by === "council") return i18n.t("console.history.byCouncil");
  return i18n.t("console.history.by", { key: by });
}

/** The credential's own values of the correctable fields, as the reissue form starts from them. */
function currentValues(subject: Record<string, unknown>): Record<Correctable, string> {
  const text = (field: string, language: Language) => (subject[field] as Record<Language, string> | undefined)?.[language] ?? "";
  return {
    nameEn: text("name", "en"),
    nameZh: text("name", "zh-Hant"),
    degreeEn: text("degree", "en"),
    degreeZh: text("degree", "zh-Hant"),
    majorEn: text("major", "en"),
    majorZh: text("major", "zh-Hant"),
    honoursEn: text("honours", "en"),
    honoursZh: text("honours", "zh-Hant"),
    awardDate: typeof subject.awardDate === "string" ? subject.awardDate : "",
  };
}

/**
 * One credential: what it says, its state, its whole history (issued, revoked with the reason, superseded by,
 * reissued from), and the actions the key's roles allow on it — revoke, reissue (with or without corrections) and,
 * once revoked, the audited reissue after revocation — each behind a dialog that says what will happen on chain.
 */
export function credentialView(ctx: ConsoleContext): View {
  const element = h("section", {
    "aria-labelledby": "credential-heading",
    class: "view",
  });
  let id = "";
  let detail: CredentialDetail | null = null;
  let message: (() => string) | null = null;
  let following: Batch | null = null;

  async function load(): Promise<void> {
    // Only the credential asked for last is drawn, however the answers arrive.
    const asked = id;
    try {
      const answer = await api.get<CredentialDetail>(`/credentials/${encodeURIComponent(asked)}`);
      if (asked !== id) return;
      detail = answer;
    } catch (error) {
      if (asked !== id) return;
      detail = null;
      message = () => errorText(error);
    }
    render();
  }

  async function revoke(current: CredentialDetail): Promise<void> {
    const fields = reasonFields("credential-revoke");
    const confirmed = await confirmAction({
      title: i18n.t("console.credential.revokeTitle", {
        name: nameOf(current),
        student: current.studentId,
      }),
      consequences: [i18n.t("console.credential.revokeChain", { id: current.id }), i18n.t("console.revoke.verifiers"), i18n.t("console.revoke.final")],
      confirmLabel: i18n.t("console.credential.revokeConfirm"),
      danger: true,
      fields: fields.elements,
    });
    if (!confirmed) return;
    try {
      const result = await api.post<{ transaction: string | null }>(`/credentials/${encodeURIComponent(current.id)}/revoke`, fields.value());
      message = () =>
        i18n.t("console.revoke.done", {
          transaction: result.transaction ?? "—",
        });
    } catch (error) {
      message = () => errorText(error);
    }
    await load();
  }

  async function reissue(current: CredentialDetail, form: HTMLFormElement, afterRevocation: boolean): Promise<void> {
    const original = currentValues(current.credential.credentialSubject);
    const corrections: Partial<Record<Correctable, string>> = {};
    for (const field of correctable(current)) {
      const value = (form.elements.namedItem(field) as HTMLInputElement).value.trim();
      if (value !== original[field]) corrections[field] = value;
    }
    const changes = Object.entries(corrections).map(([field, value]) =>
      i18n.t("console.reissue.change", {
        field: i18n.t(`console.fix.${field}` as MessageKey),
        from: original[field as Correctable] || "—",
        to: value || "—",
      }),
    );
    const reason = afterRevocation ? reasonFields("reissue-after") : null;
    const confirmed = await confirmAction({
      title: i18n.t(afterRevocation ? "console.reissue.afterTitle" : "console.reissue.title", { name: nameOf(current), student: current.studentId }),
      consequences: [
        ...(changes.length === 0 ? [i18n.t("console.reissue.unchanged")] : changes),
        i18n.t("console.reissue.anchor"),
        afterRevocation ? i18n.t("console.reissue.afterAudit", { id: current.id }) : i18n.t("console.reissue.supersede", { id: current.id }),
      ],
      confirmLabel: i18n.t(afterRevocation ? "console.reissue.afterConfirm" : "console.reissue.confirm"),
      danger: !afterRevocation,
      fields: reason === null ? [] : [reason.elements[0]!, reason.elements[1]!, reason.elements[2]!],
    });
    if (!confirmed) return;
    try {
      const path = `/credentials/${encodeURIComponent(current.id)}/${afterRevocation ? "reissue-after-revocation" : "reissue"}`;
      const batch = await api.post<Batch>(path, reason === null ? corrections : { reason: reason.value().reason, ...corrections });
      message = () => i18n.t("console.reissue.queued", { batch: batch.label ?? batch.id });
      following = batch;
      render();
      await followBatch(batch.id, (latest) => {
        following = latest;
        render();
      });
      following = null;
    } catch (error) {
      message = () => errorText(error);
    }
    await load();
  }

  function nameOf(current: CredentialDetail): string {
    return (current.credential.credentialSubject.name as Record<Language, string> | undefined)?.[i18n.language] ?? current.studentId;
  }

  function historyItem(event: HistoryEvent): HTMLElement {
    const related = event.related === null ? null : h("a", { href: `#/credential/${encodeURIComponent(event.related)}` }, event.related);
    return h(
      "li",
      { class: `history__event history__event--${event.event}` },
      h(
        "p",
        { class: "history__what" },
        h("strong", {}, i18n.t(`console.history.${event.event}` as MessageKey)),
        " ",
        h("time", { datetime: event.at }, i18n.date(event.at)),
      ),
      event.reason === null
        ? null
        : h(
            "p",
            {},
            i18n.t("console.history.reason", {
              reason: event.reason,
              code: event.reasonCode === null ? "—" : i18n.t(`reason.${event.reasonCode}` as MessageKey),
            }),
          ),
      related === null ? null : h("p", {}, i18n.t(RELATED_LABEL[event.event]), " ", related),
      event.by === null
        ? null
        : h("p", { class: "help" }, byLine(event.by)),
      event.transaction === null ? null : h("p", { class: "help" }, i18n.t("console.history.transaction"), " ", h("code", {}, event.transaction)),
    );
  }

  function reissueForm(current: CredentialDetail, afterRevocation: boolean): HTMLElement {
    const values = currentValues(current.credential.credentialSubject);
    const form = h(
      "form",
      { class: "corrections" },
      h(
        "div",
        { class: "form-grid" },
        correctable(current).map((field) =>
          h(
            "div",
            {},
            h("label", { for: `fix-${field}` }, i18n.t(`console.fix.${field}`)),
            h("input", {
              id: `fix-${field}`,
              name: field,
              value: values[field],
              inputmode: field === "awardDate" ? "numeric" : undefined,
            }),
          ),
        ),
      ),
      h(
        "button",
        {
          type: "submit",
          class: afterRevocation ? "button" : "button button--danger",
        },
        i18n.t(afterRevocation ? "console.reissue.afterSubmit" : "console.reissue.submit"),
      ),
    ) as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void reissue(current, form, afterRevocation);
    });
    return h(
      "details",
      { class: "card-section" },
      h("summary", {}, i18n.t(afterRevocation ? "console.reissue.afterHeading" : "console.reissue.heading")),
      h("p", { class: "help" }, i18n.t(afterRevocation ? "console.reissue.afterHelp" : "console.reissue.help")),
      current.kind === "award" ? null : h("p", { class: "help" }, i18n.t("console.reissue.asItWas")),
      form,
    );
  }

  function actions(current: CredentialDetail): HTMLElement | null {
    const parts: HTMLElement[] = [];
    if (current.state === "valid" && ctx.can("revoker")) {
      parts.push(
        h(
          "div",
          { class: "button-row" },
          h(
            "button",
            {
              type: "button",
              id: "revoke",
              class: "button button--danger",
              onclick: () => void revoke(current),
            },
            i18n.t("console.credential.revoke"),
          ),
        ),
      );
    }
    if (current.state === "valid" && ctx.can("registrar") && ctx.can("revoker")) parts.push(reissueForm(current, false));
    if (current.state === "revoked" && ctx.can("revoker")) parts.push(reissueForm(current, true));
    return parts.length === 0 ? null : h("div", { class: "actions" }, h("h3", {}, i18n.t("console.credential.actions")), parts);
  }

  /** What the credential says, by kind: an award's degree, a transcript at a glance, a letter's title and validity. */
  function kindFacts(current: CredentialDetail, both: (field: string) => string): [string, string][] {
    const { credential } = current;
    if (current.kind === "transcript") {
      return [...transcriptFacts(credential.credentialSubject as unknown as TranscriptRecord), [i18n.t("console.field.gradingScale"), String((credential.credentialSubject.gradingScale as { id: string }).id)]];
    }
    if (current.kind === "letter") {
      const day = (moment: string | undefined) => i18n.date(moment === undefined ? null : moment.slice(0, 10));
      return [
        [i18n.t("console.field.letter"), renderLetter(credential as unknown as LetterCredential, i18n.language).title],
        [i18n.t("console.field.validity"), i18n.t("console.letter.validity", { from: day(credential.validFrom), until: day(credential.validUntil) })],
        [i18n.t("console.field.signerOffice"), both("signerOffice")],
      ];
    }
    return [
      [i18n.t("console.field.degree"), both("degree")],
      [i18n.t("console.field.major"), both("major")],
      [i18n.t("console.field.awardDate"), i18n.date(typeof credential.credentialSubject.awardDate === "string" ? credential.credentialSubject.awardDate : null)],
    ];
  }

  function render(): void {
    const heading = h("h2", { id: "credential-heading", tabindex: -1 }, detail === null ? i18n.t("console.credential.heading") : nameOf(detail));
    const status = h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? "");
    if (detail === null) {
      element.replaceChildren(heading, status);
      return;
    }
    const subject = detail.credential.credentialSubject;
    const both = (field: string) => {
      const text = subject[field] as Record<Language, string> | undefined;
      return text === undefined ? "—" : i18n.language === "en" ? `${text.en} · ${text["zh-Hant"]}` : `${text["zh-Hant"]} · ${text.en}`;
    };
    const facts: [string, Node | string][] = [
      [i18n.t("console.field.status"), statusChip(detail.state)],
      [i18n.t("console.field.kind"), i18n.t(`kind.${detail.kind}`)],
      [i18n.t("console.field.studentId"), detail.studentId],
      [i18n.t("console.field.name"), both("name")],
      ...kindFacts(detail, both),
      [i18n.t("console.field.credentialId"), h("code", {}, detail.id)],
      [i18n.t("console.field.batch"), h("a", { href: `#/credentials?batch=${encodeURIComponent(detail.batchId)}` }, detail.batchId)],
    ];
    fill(element, [
      heading,
      status,
      following === null
        ? null
        : h(
            "div",
            { class: "progress" },
            h(
              "label",
              { for: "reissue-progress" },
              i18n.t("console.upload.progress", {
                state: i18n.t(`state.${following.state}` as MessageKey),
              }),
            ),
            h("progress", {
              id: "reissue-progress",
              max: 100,
              value: following.progress.percent,
            }),
          ),
      h(
        "dl",
        { class: "facts" },
        facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
      ),
      h("h3", {}, i18n.t("console.credential.history")),
      h("ol", { class: "history" }, detail.history.map(historyItem)),
      actions(detail),
    ]);
  }

  return {
    element,
    async open(_params, path) {
      const next = decodeURIComponent(path[1] ?? "");
      if (next !== id) {
        detail = null;
        message = null;
      }
      id = next;
      render();
      await load();
    },
    render,
  };
}
