import { api } from "../api";
import type { ApiKeyInfo, Role } from "../ApiTypes";
import { confirmAction } from "../confirmAction";
import { dataTable } from "../dataTable";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import type { ConsoleContext, View } from "../View";

const ROLES: Role[] = ["admin", "registrar", "revoker", "auditor"];

/**
 * The university's API keys (admin only): who can do what, a new key shown once, revocation behind a dialog. The key
 * signed in is marked and cannot be revoked from here, so an admin cannot lock themselves out by a slip.
 */
export function apiKeysView(ctx: ConsoleContext): View {
  const element = h("section", { "aria-labelledby": "keys-heading", class: "view" });
  let keys: ApiKeyInfo[] = [];
  let created: { key: string; label: string } | null = null;
  let message: (() => string) | null = null;

  async function load(): Promise<void> {
    try {
      keys = (await api.get<{ items: ApiKeyInfo[] }>("/api-keys")).items;
    } catch (error) {
      message = () => errorText(error);
    }
    render();
  }

  async function create(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const roles = data.getAll("role").map(String);
    if (roles.length === 0) {
      message = () => i18n.t("console.keys.noRole");
      render();
      return;
    }
    try {
      const label = String(data.get("label") ?? "").trim();
      const result = await api.post<{ key: string }>("/api-keys", { label, roles });
      created = { key: result.key, label };
      message = null;
    } catch (error) {
      message = () => errorText(error);
    }
    await load();
  }

  async function revoke(key: ApiKeyInfo): Promise<void> {
    const confirmed = await confirmAction({
      title: i18n.t("console.keys.revokeTitle", { label: key.label }),
      consequences: [i18n.t("console.keys.revokeEffect"), i18n.t("console.keys.revokeFinal")],
      confirmLabel: i18n.t("console.keys.revokeConfirm"),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.post(`/api-keys/${encodeURIComponent(key.id)}/revoke`, {});
      message = () => i18n.t("console.keys.revoked", { label: key.label });
    } catch (error) {
      message = () => errorText(error);
    }
    await load();
  }

  function render(): void {
    const form = h(
      "form",
      { class: "new-key" },
      h("h3", {}, i18n.t("console.keys.new")),
      h("label", { for: "key-label" }, i18n.t("console.keys.label")),
      h("input", { id: "key-label", name: "label", type: "text", required: true, maxlength: 100 }),
      h(
        "fieldset",
        {},
        h("legend", {}, i18n.t("console.keys.roles")),
        ROLES.map((role) =>
          h(
            "div",
            { class: "choice" },
            h("input", { type: "checkbox", name: "role", value: role, id: `role-${role}` }),
            h("label", { for: `role-${role}` }, i18n.t(`console.role.${role}`)),
          ),
        ),
      ),
      h("div", { class: "button-row" }, h("button", { type: "submit", class: "button button--primary" }, i18n.t("console.keys.create"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void create(form);
    });
    const revokeButton = (key: ApiKeyInfo) =>
      key.revokedAt !== null
        ? "—"
        : key.id === ctx.me.keyId
          ? i18n.t("console.keys.current")
          : h(
              "button",
              {
                type: "button",
                class: "button button--danger",
                "aria-label": i18n.t("console.keys.revokeLabel", { label: key.label }),
                onclick: () => void revoke(key),
              },
              i18n.t("console.keys.revoke"),
            );
    fill(element, [
      h("h2", { id: "keys-heading", tabindex: -1 }, i18n.t("console.keys.heading")),
      h("p", { role: "status", "aria-live": "polite", class: "message" }, message?.() ?? ""),
      created === null
        ? null
        : h(
            "div",
            { class: "warning", role: "alert" },
            h("p", {}, i18n.t("console.keys.createdOnce", { label: created.label })),
            h("code", { class: "secret" }, created.key),
          ),
      dataTable<ApiKeyInfo>(
        [
          { heading: "console.keys.label", rowHeader: true, cell: (key) => [key.label, h("span", { class: "help batch-id" }, key.id)] },
          { heading: "console.keys.roles", cell: (key) => key.roles.map((role) => i18n.t(`console.role.${role}`)).join(i18n.language === "en" ? ", " : "、") },
          { heading: "console.keys.created", cell: (key) => i18n.date(key.createdAt) },
          {
            heading: "console.keys.state",
            cell: (key) => (key.revokedAt === null ? i18n.t("console.keys.active") : i18n.t("console.keys.revokedOn", { date: i18n.date(key.revokedAt) })),
          },
          { heading: "console.batches.actions", cell: revokeButton },
        ],
        keys,
      ),
      form,
    ]);
  }

  return {
    element,
    async open() {
      created = null;
      message = null;
      // Drawn once the keys are in: a form drawn before would be replaced by the render after loading, taking what
      // the registrar had typed or ticked with it.
      fill(element, []);
      await load();
    },
    render,
  };
}
