import type { LocalisedText } from "../i18n/Language";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";

/** A sheet's title and the university by name, as a reader knows it; its DID only when the holder hid the name. */
export function sheetHeader(title: LocalisedText, issuer: { id: string; name?: LocalisedText }): PrintNode {
  return printNode(
    "header",
    {},
    printNode("h1", {}, ...bilingual(title)),
    issuer.name === undefined ? printNode("p", { class: "issuer" }, issuer.id) : printNode("p", { class: "university" }, ...bilingual(issuer.name)),
  );
}
