import { api } from "../api";
import type { ApiKeyInfo, Role } from "../ApiTypes";
import { confirmAction } from "../confirmAction";
import { errorText } from "../errorText";
import { fill, h } from "../h";
import { i18n } from "../i18n";
import type { View } from "../View";

const ROLES: Role[] = ["admin", "registrar", "revoker", "auditor"];

/** The university's API keys (admin only): who can do what, a new key shown once, revocation behind a dialog. */
export function apiKeysView(): View {
  const element = h("section", {
    "aria-labelledby": "keys-heading",
    class: "view",
  });
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
      const result = await api.post<{ key: string }>("/api-keys", {
        label,
        roles,
      });
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
      h("input", {
        id: "key-label",
        name: "label",
        type: "text",
        required: true,
        maxlength: 100,
      }),
      h(
        "fieldset",
        {},
        h("legend", {}, i18n.t("console.keys.roles")),
        ROLES.map((role) =>
          h(
            "div",
            { class: "choice" },
            h("input", {
              type: "checkbox",
              name: "role",
              value: role,
              id: `role-${role}`,
            }),
            h("label", { for: `role-${role}` }, i18n.t(`console.role.${role}`)),
          ),
        ),
      ),
      h("button", { type: "submit", class: "button button--primary" }, i18n.t("console.keys.create")),
    ) as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void create(form);
    });
    const columns = ["console.keys.label", "console.keys.roles", "console.keys.created", "console.keys.state", "console.batches.actions"] as const;
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
      h(
        "table",
        { class: "stack" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            columns.map((key) => h("th", { scope: "col" }, i18n.t(key))),
          ),
        ),
        h(
          "tbody",
          {},
          keys.map((key) =>
            h(
              "tr",
              {},
              h("th", { scope: "row", "data-label": i18n.t(columns[0]) }, key.label, h("span", { class: "help batch-id" }, key.id)),
              h("td", { "data-label": i18n.t(columns[1]) }, key.roles.map((role) => i18n.t(`console.role.${role}`)).join(i18n.language === "en" ? ", " : "、")),
              h("td", { "data-label": i18n.t(columns[2]) }, i18n.date(key.createdAt)),
              h(
                "td",
                { "data-label": i18n.t(columns[3]) },
                key.revokedAt === null
                  ? i18n.t("console.keys.active")
                  : i18n.t("console.keys.revokedOn", {
                      date: i18n.date(key.revokedAt),
                    }),
              ),
              h(
                "td",
                { "data-label": i18n.t(columns[4]) },
                key.revokedAt === null
                  ? h(
                      "button",
                      {
                        type: "button",
                        class: "button button--danger",
                        "aria-label": i18n.t("console.keys.revokeLabel", {
                          label: key.label,
                        }),
                        onclick: () => void revoke(key),
                      },
                      i18n.t("console.keys.revoke"),
                    )
                  : "—",
              ),
            ),
          ),
        ),
      ),
      form,
    ]);
  }

  return {
    element,
    async open() {
      created = null;
      render();
      await load();
    },
    render,
  };
}
