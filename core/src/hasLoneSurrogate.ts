/** Any surrogate at all: the cheap test that spares most text, CJK included (it lies in the BMP), the full one. */
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a surrogate that is not half of a pair: not Unicode text, so SPEC §2–§3 refuse it. */
export function hasLoneSurrogate(text: string): boolean {
  return SURROGATE.test(text) && LONE_SURROGATE.test(text);
}
