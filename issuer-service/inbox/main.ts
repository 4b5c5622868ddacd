import "@credanchor/core/tokens.css";
import "../console/styles.css";
import "./inbox.css";
import type { LocalisedText } from "@credanchor/core/protocol";
import { element } from "../console/element";
import { errorText } from "../console/errorText";
import { fetchApi } from "../console/fetchApi";
import { fill, h } from "../console/h";
import { i18n } from "../console/i18n";
import { pageShell } from "../console/pageShell";
import { inboxApi } from "./inboxApi";
import type { InboxPageConfig } from "./InboxPageConfig";
import { inboxView } from "./inboxView";

/**
 * The inbox's shell: the language switch and sign-in — a reviewer's session from the organisation's OpenID Connect
 * provider when there is one, else an organisation key pasted in — then the inbox itself.
 */
let config: InboxPageConfig | null = null;
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

async function start(): Promise<void> {
  pageShell({
    title: "inbox.title",
    redraw: () => {
      drawProviders();
      drawWho();
      view?.render();
    },
    keyInput: "organisation-key",
    signIn: signInWithKey,
    refusal: "inbox.signIn.invalid",
  });
  element("sign-out").addEventListener("click", () => {
    void inboxApi.signOut().finally(() => location.reload());
  });
  try {
    config = (await (await fetchApi("/inbox/config.json")).json()) as InboxPageConfig;
  } catch (error) {
    // Without the chain's address nothing can be verified: say why instead of offering a sign-in.
    element("sign-in-form").hidden = true;
    element("sign-in-error").textContent = errorText(error);
    element("sign-in").hidden = false;
    return;
  }
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
