import { formatDate, type LocalisedText } from "@credanchor/core/protocol";
import { html, type Html } from "../html";
import type { AccountEvent, ShareOpen } from "../accountHistory";
import { en, type PortalMessageKey } from "../i18n/en";
import { cellLabel } from "./cellLabel";
import { hiddenList } from "./hiddenLabel";
import type { PageContext } from "./PageContext";
import { renderPage } from "./renderPage";

export interface HistoryView {
  opens: ShareOpen[];
  events: AccountEvent[];
  /** The account's credentials' titles by id; a link to a credential no longer held shows its id. */
  titles: Map<string, LocalisedText>;
}

function opensTable(page: PageContext, view: HistoryView): Html {
  if (view.opens.length === 0) return html`<p class="note">${page.t("portal.history.opens.empty")}</p>`;
  const label = (text: string) => cellLabel(page, text);
  return html`<div class="table-wrap"><table>
    <thead><tr>
      <th scope="col">${page.t("portal.history.when")}</th><th scope="col">${page.t("portal.shares.credential")}</th>
      <th scope="col">${page.t("portal.history.linkCreated")}</th><th scope="col">${page.t("portal.shares.hidden")}</th>
      <th scope="col">${page.t("portal.history.outcome")}</th>
    </tr></thead>
    <tbody>
      ${view.opens.map((open) => {
        const title = view.titles.get(open.credentialId);
        return html`<tr data-open="${open.shareId}" data-result="${open.result}">
          <td data-label="${label(page.t("portal.history.when"))}">${formatDate(open.at, page.language)}</td>
          <td data-label="${label(page.t("portal.shares.credential"))}">${title === undefined ? open.credentialId : page.pick(title)}</td>
          <td data-label="${label(page.t("portal.history.linkCreated"))}">${formatDate(open.createdAt, page.language)}</td>
          <td data-label="${label(page.t("portal.shares.hidden"))}">${hiddenList(page, open.hidden)}</td>
          <td data-label="${label(page.t("portal.history.outcome"))}">${page.t(`portal.history.result.${open.result}`)}</td>
        </tr>`;
      })}
    </tbody>
  </table></div>`;
}

function eventsTable(page: PageContext, view: HistoryView): Html {
  if (view.events.length === 0) return html`<p class="note">${page.t("portal.history.events.empty")}</p>`;
  const label = (text: string) => cellLabel(page, text);
  const outcome = (event: AccountEvent) => {
    if (event.result !== "ok") {
      const key = `portal.error.${event.result}`;
      return page.t("portal.history.refused", { reason: Object.hasOwn(en, key) ? page.t(key as PortalMessageKey) : event.result });
    }
    return event.bound === undefined ? page.t("portal.history.done") : page.t("portal.history.added", { count: event.bound });
  };
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">${page.t("portal.history.when")}</th><th scope="col">${page.t("portal.history.what")}</th><th scope="col">${page.t("portal.history.outcome")}</th></tr></thead>
    <tbody>
      ${view.events.map(
        (event) => html`<tr data-action="${event.action}">
          <td data-label="${label(page.t("portal.history.when"))}">${formatDate(event.at, page.language)}</td>
          <td data-label="${label(page.t("portal.history.what"))}">${page.t(`portal.history.action.${event.action}`)}</td>
          <td data-label="${label(page.t("portal.history.outcome"))}">${outcome(event)}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** The account's access history: each open of each of its share links, then its own sign-ins, bindings and shares. */
export function renderHistoryPage(page: PageContext, view: HistoryView): string {
  return renderPage(
    page,
    page.t("portal.history.heading"),
    html`<p><a href="/my">${page.t("portal.credential.back")}</a></p>
    <p>${page.t("portal.history.intro")}</p>
    <section class="card" aria-labelledby="opens-heading">
      <h2 id="opens-heading">${page.t("portal.history.opens")}</h2>
      ${opensTable(page, view)}
    </section>
    <section class="card" aria-labelledby="events-heading">
      <h2 id="events-heading">${page.t("portal.history.events")}</h2>
      ${eventsTable(page, view)}
    </section>`,
  );
}
