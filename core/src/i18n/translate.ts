import { createTranslator } from "./createTranslator";
import { protocolCatalogues, type ProtocolMessageKey } from "./protocolCatalogues";

/** Core's own translator: messages the protocol produces (reports, row errors, the printed sheet, VC exports). */
export const { translate, translateTo } = createTranslator<ProtocolMessageKey>(protocolCatalogues);
