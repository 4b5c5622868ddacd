import { html, type Html } from "../html";

/**
 * The `<head>` of every server-drawn page (the portal's, the inbox's sign-in pages): no referrer, the verifier's
 * tokens and the portal's styles, then `extraStylesheets` (the print sheet's).
 */
export function pageHead(title: string, extraStylesheets: readonly string[] = []): Html {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="color-scheme" content="light" />
    <link rel="icon" href="data:," />
    <title>${title}</title>
    <link rel="stylesheet" href="/my/assets/tokens.css" />
    <link rel="stylesheet" href="/my/assets/portal.css" />
    ${extraStylesheets.map((href) => html`<link rel="stylesheet" href="${href}" />`)}
  </head>`;
}
