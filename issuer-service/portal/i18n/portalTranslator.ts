import { createTranslator } from "@credanchor/core/protocol";
import { en, type PortalMessageKey } from "./en";
import { zhHant } from "./zh-Hant";

/** The portal's translator over core's one translator factory. */
export const portalTranslator = createTranslator<PortalMessageKey>({ en, "zh-Hant": zhHant });
