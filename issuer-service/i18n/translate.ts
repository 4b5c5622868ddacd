import { createTranslator } from "@credanchor/core/protocol";
import { en, type MessageKey } from "./en";
import { zhHant } from "./zh-Hant";

/** The service's translator (API errors, the registrar console) over core's one translator factory. */
export const { translate, translateTo } = createTranslator<MessageKey>({ en, "zh-Hant": zhHant });
