import type { Credential } from "../Credential";
import type { LocalisedText } from "../i18n/Language";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { localisedDate } from "../i18n/localisedDate";
import { translate } from "../i18n/translate";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";

/** Longest link still printed as text beside its QR code (a share link is about 100 characters). */
const MAX_PRINTED_LINK = 200;

export interface PrintOptions {
  /** The link the QR code opens (a `#c=` or `#share=` link to a verifier). */
  link: string;
  /** The QR code of `link` as a data: URL (PNG). */
  qrDataUrl: string;
}

/**
 * The A4 sheet of one credential: every shown claim in English and Traditional Chinese side by side, hidden claims
 * named as hidden, and a QR code of a verification link. Rows never split across pages (print CSS).
 */
export function printLayout(credential: Credential, options: PrintOptions): PrintNode {
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

  // A link that carries the whole credential is thousands of characters: useless on paper, so only the QR holds it.
  const printable = options.link.length <= MAX_PRINTED_LINK;
  return printNode(
    "article",
    { class: "print-sheet" },
    printNode(
      "header",
      {},
      printNode("h1", {}, ...bilingual(translate("print.title"))),
      // The university by name, as a reader knows it; its DID only when the holder hid the name.
      credential.issuer.name === undefined ? printNode("p", { class: "issuer" }, credential.issuer.id) : printNode("p", { class: "university" }, ...bilingual(credential.issuer.name)),
    ),
    printNode("table", { class: "print-claims" }, ...rows),
    printNode(
      "div",
      { class: printable ? "print-verify" : "print-verify print-verify--dense" },
      printNode("img", { src: options.qrDataUrl, alt: translate("print.qrAlt").en }),
      printable
        ? printNode("div", {}, printNode("p", {}, ...bilingual(translate("print.howToVerify"))), printNode("p", { class: "print-link" }, options.link))
        : printNode("div", {}, printNode("p", {}, ...bilingual(translate("print.howToScan")))),
    ),
    printNode("footer", {}, printNode("p", {}, ...bilingual(translate("print.footer", { chainId: credential.proof.chainId, root: credential.proof.merkleRoot })))),
  );
}
