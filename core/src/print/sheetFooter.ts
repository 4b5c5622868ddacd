import { translate } from "../i18n/translate";
import { bilingual } from "./bilingual";
import { printNode, type PrintNode } from "./PrintNode";

/** Where the credential is anchored, and that paper is only a copy. */
export function sheetFooter(proof: { chainId: number; merkleRoot: string }): PrintNode {
  return printNode("footer", {}, printNode("p", {}, ...bilingual(translate("print.footer", { chainId: proof.chainId, root: proof.merkleRoot }))));
}
