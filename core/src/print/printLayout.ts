import type { Credential } from "../Credential";
import type { LocalisedText } from "../i18n/Language";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { localisedDate } from "../i18n/localisedDate";
import { translate } from "../i18n/translate";
import type { AnyCredential } from "../kinds/AnyCredential";
import { isLetter, isTranscript } from "../kinds/kindOf";
import { bilingual } from "./bilingual";
import { letterSheet } from "./letterSheet";
import { printNode, type PrintNode } from "./PrintNode";
import type { PrintOptions } from "./PrintOptions";
import { sheetFooter } from "./sheetFooter";
import { sheetHeader } from "./sheetHeader";
import { transcriptSheet } from "./transcriptSheet";
import { verifyBlock } from "./verifyBlock";

export type { PrintOptions } from "./PrintOptions";

/**
 * An award's A4 sheet: every shown claim in English and Traditional Chinese side by side, hidden claims named as
 * hidden, and a QR code of a verification link. Rows never split across pages (print CSS).
 */
function awardSheet(credential: Credential, options: PrintOptions): PrintNode {
  const subject = credential.credentialSubject;
  const hidden = Object.keys(credential.proof.hiddenClaims ?? {});
  const isHidden = (pointer: string) => hidden.some((p) => p === pointer || p.startsWith(`${pointer}/`));
  const hiddenText = translate("field.hiddenValue");
  const rows: PrintNode[] = [];
  const row = (label: ProtocolMessageKey, pointer: string, value: LocalisedText | string | undefined) => {
    if (value === undefined && !isHidden(pointer)) return;
    const shown = value === undefined ? bilingual(hiddenText) : typeof value === "string" ? [value] : bilingual(value);
    rows.push(printNode("tr", {}, printNode("th", { scope: "row" }, ...bilingual(translate(label))), printNode("td", value === undefined ? { class: "hidden" } : {}, ...shown)));
  };
  row("field.name", "/credentialSubject/name", subject.name);
  row("field.degree", "/credentialSubject/degree", subject.degree);
  row("field.major", "/credentialSubject/major", subject.major);
  row("field.honours", "/credentialSubject/honours", subject.honours);
  const date = (value: string | undefined) => (value === undefined ? undefined : localisedDate(value));
  row("field.awardDate", "/credentialSubject/awardDate", date(subject.awardDate));
  row("field.gpa", "/credentialSubject/gpa", subject.gpa?.toFixed(2));
  row("field.studentId", "/credentialSubject/studentId", subject.studentId);
  row("field.dateOfBirth", "/credentialSubject/dateOfBirth", date(subject.dateOfBirth));
  row("field.issuer", "/issuer/name", credential.issuer.name);
  row("field.validFrom", "/validFrom", date(credential.validFrom));
  row("field.validUntil", "/validUntil", date(credential.validUntil));
  row("field.credentialId", "/id", credential.id);

  return printNode(
    "article",
    { class: "print-sheet" },
    sheetHeader(translate("print.title"), credential.issuer),
    printNode("table", { class: "print-claims" }, ...rows),
    verifyBlock(options),
    sheetFooter(credential.proof),
  );
}

/**
 * The A4 print of a credential of any kind (SPEC §12), the same for the verifier page and `credanchor print`: an
 * award on one sheet, a transcript over as many pages as its terms need (the university, the page number and the
 * verification QR code on every page), a letter as a one-page letter.
 */
export function printLayout(credential: AnyCredential, options: PrintOptions): PrintNode {
  if (isTranscript(credential)) return transcriptSheet(credential, options);
  if (isLetter(credential)) return letterSheet(credential, options);
  return awardSheet(credential, options);
}
