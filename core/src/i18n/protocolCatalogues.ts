import type { Catalogues } from "./createTranslator";
import { en } from "./en";
import { zhHant } from "./zh-Hant";

export type ProtocolMessageKey = keyof typeof en;

/**
 * What the protocol itself says, in every language: check messages of the verification report, graduate-input row
 * errors, credential field labels, the printed sheet and the VC export. Apps spread these into their own catalogues.
 */
export const protocolCatalogues: Catalogues<ProtocolMessageKey> = { en, "zh-Hant": zhHant };
