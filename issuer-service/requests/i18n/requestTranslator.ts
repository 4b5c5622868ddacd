import { createTranslator } from "@credanchor/core/protocol";
import { en, type RequestMessageKey } from "./en";
import { zhHant } from "./zh-Hant";

/** The translator of the graduate's request pages over core's one translator factory. */
export const requestTranslator = createTranslator<RequestMessageKey>({ en, "zh-Hant": zhHant });
