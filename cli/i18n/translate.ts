import { createTranslator } from "@credanchor/core/protocol";
import { en } from "./en";
import { zhHant } from "./zh-Hant";

/** The CLI's translator: its error texts by code and its own messages, over core's one translator factory. */
export const { translate, translateTo } = createTranslator<keyof typeof en>({ en, "zh-Hant": zhHant });
