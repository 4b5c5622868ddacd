import { localisedDate } from "../i18n/localisedDate";
import { translate } from "../i18n/translate";
import type { LetterCredential } from "../kinds/LetterCredential";
import { renderLetter } from "../kinds/renderLetter";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";
import type { PrintOptions } from "./PrintOptions";
import { sheetFooter } from "./sheetFooter";
import { sheetHeader } from "./sheetHeader";
import { verifyBlock } from "./verifyBlock";

/**
 * A certification letter on one A4 page (SPEC §12.3): the letter in English and then in Traditional Chinese, its
 * named fields filled in (renderLetter), the signing office, the validity period and the verification QR code.
 */
export function letterSheet(credential: LetterCredential, options: PrintOptions): PrintNode {
  const subject = credential.credentialSubject;
  const letters = (["en", "zh-Hant"] as const).map((language) => {
    const { title, body } = renderLetter(credential, language);
    return printNode(
      "div",
      { class: "print-letter", lang: language },
      printNode("h2", {}, title),
      printNode("p", { class: "print-letter-body" }, body),
      printNode("p", { class: "print-letter-signer" }, subject.signerOffice[language]),
    );
  });
  const validity = translate("letter.validity", { from: localisedDate(credential.validFrom.slice(0, 10)), until: localisedDate(credential.validUntil.slice(0, 10)) });
  return printNode(
    "article",
    { class: "print-sheet letter-sheet" },
    sheetHeader(subject.letter.title, credential.issuer),
    ...letters,
    printNode(
      "table",
      { class: "print-claims" },
      printNode("tr", {}, printNode("th", { scope: "row" }, ...bilingual(translate("letter.validityLabel"))), printNode("td", {}, ...bilingual(validity))),
      printNode("tr", {}, printNode("th", { scope: "row" }, ...bilingual(translate("field.credentialId"))), printNode("td", {}, credential.id)),
    ),
    verifyBlock(options),
    sheetFooter(credential.proof),
  );
}
