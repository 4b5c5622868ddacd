import { formatDate } from "@credanchor/core/protocol";
import { html } from "../../portal/html";
import { renderPage } from "../../portal/pages/renderPage";
import type { InstitutionRequest } from "../institutionRequests";
import type { RequestPageContext } from "./RequestPageContext";

/** Every request the account answered: who asked, when it was sent, where it stands now. */
export function renderRequestHistoryPage(page: RequestPageContext, requests: readonly InstitutionRequest[]): string {
  const label = (key: "organisation" | "sent" | "status") => `${page.r(`request.history.${key}`)}${page.language === "en" ? ": " : "："}`;
  const body =
    requests.length === 0
      ? html`<p class="note">${page.r("request.history.none")}</p>`
      : html`<div class="table-wrap"><table>
          <thead><tr>
            <th scope="col">${page.r("request.history.organisation")}</th><th scope="col">${page.r("request.history.sent")}</th>
            <th scope="col">${page.r("request.history.status")}</th><th scope="col"><span class="visually-hidden">${page.r("request.history.open")}</span></th>
          </tr></thead>
          <tbody>
            ${requests.map(
              (request) => html`<tr data-request="${request.id}">
                <td data-label="${label("organisation")}">${page.pick(request.organisation.name)}</td>
                <td data-label="${label("sent")}">${request.submission === null ? "" : formatDate(request.submission.submittedAt, page.language)}</td>
                <td data-label="${label("status")}">${page.r(`request.status.${request.status}`)}</td>
                <td><a href="/my/requests/${request.id}">${page.r("request.history.open")}</a></td>
              </tr>`,
            )}
          </tbody>
        </table></div>`;
  return renderPage(page, page.r("request.history"), html`<section class="card">${body}</section><p><a href="/my">${page.t("portal.credential.back")}</a></p>`);
}
