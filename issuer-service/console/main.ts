import "@credanchor/core/tokens.css";
import "./styles.css";
import { api } from "./api";
import type { Me, Role } from "./ApiTypes";
import { element } from "./element";
import { pageShell } from "./pageShell";
import type { ConsoleContext, View } from "./View";
import { apiKeysView } from "./views/apiKeysView";
import { auditView } from "./views/auditView";
import { batchesView } from "./views/batchesView";
import { credentialsView } from "./views/credentialsView";
import { credentialView } from "./views/credentialView";
import { uploadView } from "./views/uploadView";

/**
 * The registrar console's shell: sign-in with an API key, the language switch, and a hash router over the views
 * (#/upload, #/batches, #/credentials?q=…, #/credential/<id>, #/audit, #/keys), each shown only to the roles that can
 * use it — the service enforces the same roles on every route anyway.
 */
interface Route {
  view: View;
  /** Any one of these roles opens the view; none listed means every key. */
  roles: Role[];
}

let routes: Record<string, Route> | null = null;
let shown: View | null = null;

async function route(moveFocus: boolean): Promise<void> {
  if (routes === null) return;
  const hash = location.hash.startsWith("#/") ? location.hash.slice(2) : "batches";
  const [path = "", query = ""] = hash.split("?");
  const parts = path.split("/");
  const name = parts[0] === "credential" ? "credential" : (parts[0] ?? "");
  const target = routes[name];
  if (target === undefined || (target.roles.length > 0 && !context?.can(...target.roles))) {
    location.hash = "#/batches";
    return;
  }
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>("#nav a"))) {
    if (link.dataset.view === name || (name === "credential" && link.dataset.view === "credentials")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  shown = target.view;
  element("views").replaceChildren(target.view.element);
  await target.view.open(new URLSearchParams(query), parts);
  // Each view draws its heading again once its data is in; after a move a keyboard or screen-reader user lands on it
  // (not on a fresh page load, where Tab starts at the skip link).
  if (moveFocus && (document.activeElement === document.body || document.activeElement === null)) target.view.element.querySelector<HTMLElement>("h2")?.focus();
}

let context: ConsoleContext | null = null;

async function signIn(key: string, moveFocus: boolean): Promise<boolean> {
  api.signIn(key);
  let me: Me;
  try {
    me = await api.get<Me>("/me");
  } catch {
    api.signOut();
    return false;
  }
  const roles = new Set(me.roles);
  context = {
    me,
    // The service lets an admin key do everything (docs/ISSUER-SERVICE.md, roles table); the console shows as much.
    can: (...wanted) => roles.has("admin") || wanted.some((role) => roles.has(role)),
    // Asking for the view already shown (Search again with the same words) reads it again.
    go: (hash) => {
      if (location.hash === hash) void route(true);
      else location.hash = hash;
    },
  };
  routes = {
    upload: { view: uploadView(context), roles: ["registrar"] },
    batches: { view: batchesView(context), roles: [] },
    credentials: { view: credentialsView(context), roles: [] },
    credential: { view: credentialView(context), roles: [] },
    audit: { view: auditView(), roles: ["admin", "auditor"] },
    keys: { view: apiKeysView(context), roles: ["admin"] },
  };
  for (const item of Array.from(document.querySelectorAll<HTMLElement>("#nav li[data-roles]")))
    item.hidden = !context.can(...((item.dataset.roles ?? "").split(" ") as Role[]));
  element("who").textContent = `${me.label} · ${me.universityId}`;
  element("sign-in").hidden = true;
  element("views").hidden = false;
  element("nav").hidden = false;
  element("sign-out").hidden = false;
  await route(moveFocus);
  return true;
}

pageShell({ title: "console.title", redraw: () => shown?.render(), keyInput: "api-key", signIn: (key) => signIn(key, true), refusal: "console.signIn.invalid" });
element("sign-out").addEventListener("click", () => {
  api.signOut();
  location.hash = "";
  location.reload();
});
window.addEventListener("hashchange", () => void route(true));
// After a reload the key still in this tab's sessionStorage signs in again.
const saved = api.savedKey;
if (saved !== null) void signIn(saved, false);
