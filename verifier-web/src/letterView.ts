import { formatDate, renderLetter, type Language, type LetterCredential } from "@credanchor/core/protocol";
import { bilingualValue } from "./bilingualValue";
import { h } from "./dom";
import { factRow } from "./factRow";
import { language, t } from "./i18n";

function letterIn(credential: LetterCredential, lang: Language, issuer: string | undefined): HTMLElement {
  const { title, body } = renderLetter(credential, lang);
  return h(
    "article",
    { class: "letter", lang, "data-letter-language": lang },
    issuer !== undefined && h("p", { class: "letter__issuer" }, issuer),
    h("h3", { class: "letter__title" }, title),
    h("p", { class: "letter__body" }, body),
    h("p", { class: "letter__signer" }, credential.credentialSubject.signerOffice[lang]),
  );
}

/**
 * A certification letter as a letter (SPEC §12.3): the template's title and body with its named fields filled in,
 * signed by its office, first in the page's language and then in the other; then its validity period and whom it
 * names. Nothing in a letter can be hidden, so there is nothing to mark as hidden.
 */
export function letterView(credential: LetterCredential, issuerName: { en?: string; "zh-Hant"?: string } | undefined): HTMLElement[] {
  const shown = language();
  const other: Language = shown === "en" ? "zh-Hant" : "en";
  const date = (value: string) => formatDate(value.slice(0, 10), shown);
  const subject = credential.credentialSubject;
  return [
    h("div", { class: "letters" }, letterIn(credential, shown, issuerName?.[shown]), letterIn(credential, other, issuerName?.[other])),
    h(
      "dl",
      { class: "facts" },
      factRow(t("letter.signerOffice"), bilingualValue(subject.signerOffice, [], "/credentialSubject/signerOffice")),
      factRow(t("letter.validityLabel"), t("letter.validity", { from: date(credential.validFrom), until: date(credential.validUntil) })),
      factRow(t("field.name"), bilingualValue(subject.name, [], "/credentialSubject/name")),
      factRow(t("field.studentId"), subject.studentId),
      factRow(t("letter.template"), h("code", {}, subject.letter.template)),
      factRow(t("field.credentialId"), credential.id),
    ),
  ];
}
