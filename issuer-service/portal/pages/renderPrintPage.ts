import { formatDate, printLayout, serialisePrintNode, type AnyCredential } from "@credanchor/core/protocol";
import { Html, html } from "../html";
import type { PageContext } from "./PageContext";
import { pageHead } from "./pageHead";

/**
 * The credential as core's print layout draws it (the verifier's print and `credanchor print` alike) on a page of its
 * own, for the graduate to print or save as PDF with the browser: the service has no browser to make the PDF itself
 * (docs/PORTAL.md). The QR code opens the share link just made for it, shown here once; only the sheet is printed.
 */
export function renderPrintPage(page: PageContext, credentialId: string, shown: AnyCredential, share: { link: string; expiresAt: string; qrDataUrl: string }): string {
  const sheet = new Html(serialisePrintNode(printLayout(shown, { link: share.link, qrDataUrl: share.qrDataUrl })));
  return html`<!doctype html>
<html lang="${page.language}">
  ${pageHead(`${page.t("portal.print.title")} · ${page.t("portal.product")}`, ["/my/assets/print.css"])}
  <body class="print-view">
    <main id="main">
      <section class="card print-view__bar" aria-labelledby="print-heading">
        <h1 id="print-heading">${page.t("portal.print.title")}</h1>
        <p>${page.t("portal.print.how")}</p>
        <p class="note">${page.t("portal.print.link", { date: formatDate(share.expiresAt, page.language) })}</p>
        <label for="share-link">${page.t("portal.shareCreated.link")}</label>
        <input id="share-link" class="share-link" readonly value="${share.link}" />
        <p><a class="button" href="/my/credentials/${encodeURIComponent(credentialId)}">${page.t("portal.print.back")}</a></p>
      </section>
      <div class="print-view__sheet">${sheet}</div>
    </main>
  </body>
</html>
`.text;
}
