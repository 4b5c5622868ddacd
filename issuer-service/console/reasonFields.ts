import { REVOCATION_REASON_OPTIONS } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { h } from "./h";
import { i18n } from "./i18n";

/** The reason a verifier will read and its code, as inputs for a revocation dialog; `value()` is the request body. */
export function reasonFields(prefix: string): {
  elements: HTMLElement[];
  value(): { reason: string; reasonCode: string };
} {
  const reason = h("input", {
    id: `${prefix}-reason`,
    type: "text",
    required: true,
    maxlength: 256,
    "aria-describedby": `${prefix}-reason-help`,
  }) as HTMLInputElement;
  const code = h(
    "select",
    { id: `${prefix}-code` },
    REVOCATION_REASON_OPTIONS.map((option) => h("option", { value: option }, i18n.t(`reason.${option}` as MessageKey))),
  ) as HTMLSelectElement;
  return {
    elements: [
      h("label", { for: reason.id }, i18n.t("console.revoke.reason")),
      reason,
      h("p", { id: `${prefix}-reason-help`, class: "help" }, i18n.t("console.revoke.reasonHelp")),
      h("label", { for: code.id }, i18n.t("console.revoke.code")),
      code,
    ],
    value: () => ({ reason: reason.value.trim(), reasonCode: code.value }),
  };
}
