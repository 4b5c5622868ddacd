import type { MessageParams } from "@credanchor/core/protocol";
import type { PageContext } from "../../portal/pages/PageContext";
import { requestTranslator } from "../i18n/requestTranslator";
import type { RequestMessageKey } from "../i18n/en";

/** A portal page that also speaks the request pages' own catalogue. */
export interface RequestPageContext extends PageContext {
  r(key: RequestMessageKey, params?: MessageParams): string;
}

export function requestPageContext(page: PageContext): RequestPageContext {
  return { ...page, r: (key, params) => requestTranslator.translateTo(page.language, key, params) };
}
