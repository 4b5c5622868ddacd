import { formatDate } from "@credanchor/core/protocol";
import { html, type Html } from "../html";
import type { AccountCredential, LiveStatus } from "../accountCredentials";
import type { PageContext } from "./PageContext";

/**
 * A credential's status as the chain says it now, written out beside its colour (never colour alone). When the chain
 * cannot be read, the revocation the service knows of is still shown.
 */
export function statusLine(page: PageContext, held: AccountCredential, status: LiveStatus): Html {
  const known = held.revoked === null ? "" : page.t("portal.revoked", { date: formatDate(held.revoked.at, page.language), reason: held.revoked.reason });
  const text = status.headline === undefined ? [page.t("portal.status.unavailable"), known].filter((part) => part !== "").join(" ") : page.pick(status.headline);
  return html`<p class="status"><span class="chip chip--${status.status}">${page.t(`portal.status.${status.status}`)}</span> <span>${text}</span></p>`;
}
