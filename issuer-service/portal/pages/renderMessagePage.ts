import { html, type Html } from "../html";
import type { PageContext } from "./PageContext";
import { renderPage } from "./renderPage";

/** A page that only says something (an error, "signed out"), with where to go next. */
export function renderMessagePage(page: PageContext, title: string, message: string, next: { href: string; label: string }, tone: "alert" | "note"): string {
  const body: Html = html`<section class="card">
    <p class="${tone === "alert" ? "alert" : "note"}" ${tone === "alert" ? html`role="alert"` : ""}>${message}</p>
    <p><a class="button button--primary" href="${next.href}">${next.label}</a></p>
  </section>`;
  return renderPage(page, title, body);
}
