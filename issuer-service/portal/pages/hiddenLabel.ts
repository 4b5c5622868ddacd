import { HIDEABLE_FIELDS } from "./renderCredentialPage";
import type { PageContext } from "./PageContext";

/** A hidden claim by its field's label where it has one (`/credentialSubject/gpa` is "GPA"), else its pointer's last part. */
export function hiddenLabel(page: PageContext, pointer: string): string {
  const field = pointer.split("/").pop() ?? pointer;
  return (HIDEABLE_FIELDS as readonly string[]).includes(field) ? page.t(`portal.field.${field as (typeof HIDEABLE_FIELDS)[number]}`) : field;
}

/** What a share link hides, as a list of labels, or "nothing". */
export function hiddenList(page: PageContext, hidden: readonly string[]): string {
  return hidden.length === 0 ? page.t("portal.shares.noneHidden") : hidden.map((pointer) => hiddenLabel(page, pointer)).join(page.language === "en" ? ", " : "、");
}
