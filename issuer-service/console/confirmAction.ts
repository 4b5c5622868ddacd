import { h } from "./h";
import { i18n } from "./i18n";

export interface Confirmation {
  title: string;
  /** What will happen, on chain and in the service, in the order it happens. */
  consequences: string[];
  confirmLabel: string;
  /** Irreversible actions get the danger style on their confirm button. */
  danger: boolean;
  /** Inputs the action needs (a reason): the dialog cannot be confirmed until they are valid. */
  fields?: HTMLElement[];
}

/**
 * Asks for confirmation in the page's native modal <dialog>: focus is trapped inside it, Escape cancels, and the
 * confirm button repeats what the action does, so no destructive action is ever one click.
 */
export function confirmAction(confirmation: Confirmation): Promise<boolean> {
  const dialog = document.getElementById("confirm") as HTMLDialogElement;
  const heading = h("h2", { id: "confirm-title" }, confirmation.title);
  const cancel = h("button", { type: "submit", value: "cancel", class: "button", formnovalidate: true }, i18n.t("console.cancel"));
  const confirm = h(
    "button",
    {
      type: "submit",
      value: "confirm",
      class: confirmation.danger ? "button button--danger" : "button button--primary",
    },
    confirmation.confirmLabel,
  );
  dialog.replaceChildren(
    h(
      "form",
      { method: "dialog" },
      heading,
      h("p", { class: "help" }, i18n.t("console.confirm.intro")),
      h(
        "ul",
        { class: "consequences" },
        confirmation.consequences.map((line) => h("li", {}, line)),
      ),
      confirmation.fields ?? [],
      h("div", { class: "button-row" }, cancel, confirm),
    ),
  );
  dialog.setAttribute("aria-labelledby", "confirm-title");
  dialog.returnValue = "";
  dialog.showModal();
  (confirmation.fields?.length ? dialog.querySelector<HTMLElement>("input, select, textarea") : cancel)?.focus();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true }));
}
