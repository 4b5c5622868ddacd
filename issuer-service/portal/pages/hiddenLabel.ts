import type { HideChoice } from "../hideChoices";
import type { PageContext } from "./PageContext";

/** The share form's label of each choice: an award's field, or a transcript's section. */
export function hideChoiceLabel(page: PageContext, choice: HideChoice): string {
  return page.t(choice === "marks" ? "portal.field.marks" : `portal.field.${choice}`);
}

/** The choice a hidden claim belongs to (`/credentialSubject/terms/0/gpa` is the GPA), for listing what a link hides. */
function choiceOf(pointer: string): HideChoice | undefined {
  const field = pointer.split("/").pop() ?? pointer;
  if (field === "cumulativeGpa" || field === "gpa") return "gpa";
  if (field === "mark") return "marks";
  return (["dateOfBirth", "honours", "major", "studentId"] as const).find((choice) => choice === field);
}

/** What a share link hides, as a list of labels (each once), or "nothing". */
export function hiddenList(page: PageContext, hidden: readonly string[]): string {
  if (hidden.length === 0) return page.t("portal.shares.noneHidden");
  const labels = new Set(hidden.map((pointer) => {
    const choice = choiceOf(pointer);
    return choice === undefined ? pointer : hideChoiceLabel(page, choice);
  }));
  return [...labels].join(page.language === "en" ? ", " : "、");
}
