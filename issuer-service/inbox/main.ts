import "@credanchor/core/tokens.css";
import "../console/styles.css";
import "./inbox.css";
import type { Language, LocalisedText } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { fetchApi } from "../console/fetchApi";
import { fill, h } from "../console/h";
import { i18n } from "../console/i18n";
import { inboxApi } from "./inboxApi";
import type { InboxConfig } from "./InboxConfig";
import { inboxView } from "./inboxView";

/**
 * The inbox's shell: the language switch and sign-in — a reviewer's session from the organisation's OpenID Connect
 * provider when there is one, else an organisation key pasted in — then the inbox itself.
 */
function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} missing from index.html`);
  return found as T;
}

let config: InboxConfig | null = null;
let view: ReturnType<typeof inboxView> | null = null;
let who: { organisation: LocalisedText; reviewer?: string } | null = null;

function drawWho(): void {
  element("who").textContent = who === null ? "" : [who.reviewer, who.organisation[i18n.language]].filter((part) => part !== undefined && part !== "").join(" · ");
}

function drawProviders(): void {
  fill(
    element("providers"),
    (config?.providers ?? []).map((provider) =>
      h("li", {}, h("a", { class: "button button--primary", href: `/inbox/login/${encodeURIComponent(provider.id)}` }, i18n.t("inbox.signIn.with", { provider: provider.label[i18n.language] }))),
    ),
  );
  element("key-heading").hidden = (config?.providers.length ?? 0) === 0;
}

function applyLanguage(): void {
  document.documentElement.lang = i18n.language;
  document.title = i18n.t("inbox.title");
  for (const node of Array.from(document.querySelectorAll<HTMLElement>("[data-i18n]"))) node.textContent = i18n.t(node.dataset.i18n as MessageKey);
  for (const node of Array.from(document.querySelectorAll<HTMLElement>("[data-i18n-label]")))
    node.setAttribute("aria-label", i18n.t(node.dataset.i18nLabel as MessageKey));
  for (const language of ["en", "zh-Hant"] as Language[]) element(`lang-${language}`).setAttribute("aria-pressed", String(language === i18n.language));
  drawProviders();
  drawWho();
  view?.render();
}

/** Opens the inbox once the service accepted the sign-in (its first read is the proof). */
async function open(): Promise<void> {
  view = inboxView(config!);
  element("views").replaceChildren(view.element);
  element("sign-in").hidden = true;
  element("views").hidden = false;
  element("sign-out").hidden = false;
  drawWho();
  await view.load();
}

/** Whether the service takes this key: one read of the request list, whose first item names the organisation. */
async function signInWithKey(key: string): Promise<boolean> {
  inboxApi.useKey(key);
  try {
    const page = await inboxApi.get<{ items: { organisation: { name: LocalisedText } }[] }>("/api/v1/requests?limit=1");
    const name = page.items[0]?.organisation.name;
    who = name === undefined ? null : { organisation: name };
  } catch {
    await inboxApi.signOut();
    return false;
  }
  await open();
  return true;
}

function wire(): void {
  for (const language of ["en", "zh-Hant"] as Language[]) {
    element(`lang-${language}`).addEventListener("click", () => {
      i18n.language = language;
      applyLanguage();
    });
  }
  element("skip").addEventListener("click", (event) => {
    event.preventDefault();
    element("main").focus();
  });
  element("sign-out").addEventListener("click", () => {
    void inboxApi.signOut().finally(() => location.reload());
  });
  element("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = element<HTMLInputElement>("organisation-key");
    void signInWithKey(input.value.trim()).then((ok) => {
      input.value = "";
      const error = element("sign-in-error");
      if (ok) delete error.dataset.i18n;
      else error.dataset.i18n = "inbox.signIn.invalid";
      error.textContent = ok ? "" : i18n.t("inbox.signIn.invalid");
      if (!ok) input.focus();
    });
  });
}

async function start(): Promise<void> {
  wire();
  applyLanguage();
  config = (await (await fetchApi("/inbox/config.json")).json()) as InboxConfig;
  drawProviders();
  const session = await inboxApi.session();
  if (session !== null) {
    who = { organisation: session.organisation.name, reviewer: session.reviewer.name };
    return open();
  }
  // After a reload the key still in this tab's sessionStorage signs in again.
  const saved = inboxApi.savedKey;
  if (saved !== null && (await signInWithKey(saved))) return;
  element("sign-in").hidden = false;
}

void start();
