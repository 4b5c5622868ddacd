import { translate } from "../i18n/translate";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";
import type { PrintOptions } from "./PrintOptions";

/** Longest link still printed as text beside its QR code (a share link is about 100 characters). */
const MAX_PRINTED_LINK = 200;

/** The QR code of the verification link with how to use it, and the link itself when it is short enough to type. */
export function verifyBlock(options: PrintOptions, extraClass = ""): PrintNode {
  // A link that carries the whole credential is thousands of characters: useless on paper, so only the QR holds it.
  const printable = options.link.length <= MAX_PRINTED_LINK;
  return printNode(
    "div",
    { class: `${printable ? "print-verify" : "print-verify print-verify--dense"}${extraClass === "" ? "" : ` ${extraClass}`}` },
    printNode("img", { src: options.qrDataUrl, alt: translate("print.qrAlt").en }),
    printable
      ? printNode("div", {}, printNode("p", {}, ...bilingual(translate("print.howToVerify"))), printNode("p", { class: "print-link" }, options.link))
      : printNode("div", {}, printNode("p", {}, ...bilingual(translate("print.howToScan")))),
  );
}
