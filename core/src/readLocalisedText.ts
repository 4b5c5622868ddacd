import type { LocalisedText } from "./Credential";
import { membersOf } from "./membersOf";

const half = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * The halves of a bilingual text found in an untrusted value: either half may be hidden (selective disclosure) or
 * missing, so a reader shows what is there; undefined when neither half is a non-empty string.
 */
export function readLocalisedText(value: unknown): Partial<LocalisedText> | undefined {
  const members = membersOf(value);
  const en = half(members.en);
  const zh = half(members["zh-Hant"]);
  if (en === undefined && zh === undefined) return undefined;
  return { ...(en === undefined ? {} : { en }), ...(zh === undefined ? {} : { "zh-Hant": zh }) };
}
