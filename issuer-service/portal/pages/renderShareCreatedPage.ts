import { formatDate } from "@credanchor/core/protocol";
import { html } from "../html";
import type { PageContext } from "./PageContext";
import { renderPage } from "./renderPage";

/** The new link, shown this once (its key is nowhere else), with its QR code and when it stops working. */
export function renderShareCreatedPage(page: PageContext, share: { link: string; expiresAt: string; qrDataUrl: string }): string {
  return renderPage(
    page,
    page.t("portal.shareCreated.heading"),
    html`<section class="card">
      <p class="note">${page.t("portal.shareCreated.once", { date: formatDate(share.expiresAt, page.language) })}</p>
      <label for="share-link">${page.t("portal.shareCreated.link")}</label>
      <input id="share-link" class="share-link" readonly value="${share.link}" />
      <p><a href="${share.link}" rel="noopener noreferrer" target="_blank">${share.link}</a></p>
      <img class="qr" src="${share.qrDataUrl}" alt="${page.t("portal.shareCreated.qr")}" width="240" height="240" />
      <p><a class="button" href="/my#shares">${page.t("portal.credential.back")}</a></p>
    </section>`,
  );
}
