import type { Credential } from "../Credential";
import type { LocalisedText } from "../i18n/Language";
import type { ProtocolMessageKey } from "../i18n/protocolCatalogues";
import { localisedDate } from "../i18n/localisedDate";
import { translate } from "../i18n/translate";

/**
 * A renderer-neutral tree: the verifier page turns it into DOM nodes, `credanchor print` into escaped HTML for
 * Chromium. One layout, so the sheet printed from the browser and the CLI's PDF are the same document.
 */
export interface PrintNode {
  tag: "article" | "header" | "h1" | "p" | "table" | "tr" | "th" | "td" | "span" | "img" | "footer" | "div";
  attributes?: Record<string, string>;
  children?: (PrintNode | string)[];
}

const node = (tag: PrintNode["tag"], attributes: Record<string, string>, ...children: (PrintNode | string)[]): PrintNode => ({ tag, attributes, children });

function both(text: LocalisedText): PrintNode[] {
  return [node("span", { lang: "en", class: "en" }, text.en), node("span", { lang: "zh-Hant", class: "zh" }, text["zh-Hant"])];
}

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
    const shown = value === undefined ? both(hiddenText) : typeof value === "string" ? [value] : both(value);
    rows.push(node("tr", {}, node("th", { scope: "row" }, ...both(translate(label))), node("td", value === undefined ? { class: "hidden" } : {}, ...shown)));
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
  return node(
    "article",
    { class: "print-sheet" },
    node(
      "header",
      {},
      node("h1", {}, ...both(translate("print.title"))),
      // The university by name, as a reader knows it; its DID only when the holder hid the name.
      node("p", { class: "issuer" }, ...(credential.issuer.name === undefined ? [credential.issuer.id] : both(credential.issuer.name))),
    ),
    node("table", { class: "print-claims" }, ...rows),
    node(
      "div",
      { class: printable ? "print-verify" : "print-verify print-verify--dense" },
      node("img", { src: options.qrDataUrl, alt: translate("print.qrAlt").en }),
      printable
        ? node("div", {}, node("p", {}, ...both(translate("print.howToVerify"))), node("p", { class: "print-link" }, options.link))
        : node("div", {}, node("p", {}, ...both(translate("print.howToScan")))),
    ),
    node("footer", {}, node("p", {}, ...both(translate("print.footer", { chainId: credential.proof.chainId, root: credential.proof.merkleRoot })))),
  );
}
