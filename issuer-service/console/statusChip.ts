import type { MessageKey } from "../i18n/en";
import { h } from "./h";
import { i18n } from "./i18n";

/**
 * A credential state as a chip: the word is always written out, the colour and the leading mark only repeat it, so
 * nothing depends on seeing colour. With a count it reads "12 valid".
 */
export function statusChip(state: string, count?: number): HTMLSpanElement {
  const word = i18n.t(`console.status.${state}` as MessageKey);
  return h(
    "span",
    { class: `chip chip--${state}` },
    count === undefined
      ? word
      : i18n.t("console.status.count", {
          count: i18n.count(count),
          status: word,
        }),
  );
}
