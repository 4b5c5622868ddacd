import { translate, type MessageParams, type ProtocolMessageKey } from "@credanchor/core/protocol";
import type { PageContext } from "./PageContext";

/** A text of core's catalogue (kinds, transcript and letter labels) in the page's language: the verifier's words. */
export function protocolText(page: PageContext, key: ProtocolMessageKey, params?: MessageParams): string {
  return page.pick(translate(key, params));
}
