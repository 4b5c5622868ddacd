import type { Language } from "../i18n/Language";
import type { LetterCredential } from "./LetterCredential";
import { PLACEHOLDER } from "./letterPlaceholder";

/**
 * A letter's title and body in one language, its `{field}` placeholders filled from the letter's fields (a bilingual
 * field in that language) and the built-ins `{name}` and `{studentId}` (SPEC §12.3). Pure: the same credential
 * always reads the same.
 */
export function renderLetter(credential: Pick<LetterCredential, "credentialSubject">, language: Language): { title: string; body: string } {
  const subject = credential.credentialSubject;
  const value = (field: string): string => {
    if (field === "name") return subject.name[language];
    if (field === "studentId") return subject.studentId;
    const given = subject.letter.fields?.[field];
    return given === undefined ? `{${field}}` : typeof given === "string" ? given : given[language];
  };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, field: string) => value(field));
  return { title: fill(subject.letter.title[language]), body: fill(subject.letter.body[language]) };
}
