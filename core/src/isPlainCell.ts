import { MAX_FIELD_LENGTH } from "./GraduateRecord";

/**
 * Characters whose text needs none of readCellText's work: printable ASCII, the CJK Unified Ideographs block (all
 * Script=Han) and the fullwidth forms (the parentheses of 二級榮譽（甲等）). Each is assigned in the SPEC's Unicode
 * version, none is a control, bidirectional control or surrogate, and a string of them is already NFC (none
 * decomposes or combines); only the space can be trimmed, so it may not start or end a cell.
 */
const PLAIN = "\\x20-\\x7e\\u4e00-\\u9fff\\uff01-\\uff5e";
const PLAIN_EDGE = "\\x21-\\x7e\\u4e00-\\u9fff\\uff01-\\uff5e";
const PLAIN_CELL = new RegExp(`^[${PLAIN_EDGE}](?:[${PLAIN}]{0,${MAX_FIELD_LENGTH - 2}}[${PLAIN_EDGE}])?$`);

/**
 * A cell that readCellText would return as it is: non-empty text of at most MAX_FIELD_LENGTH characters, all of
 * them plain (above), nothing to trim. The registrar's files are almost all such cells, and this one pattern test
 * costs a fraction of normalising and searching each cell; whatever it does not accept goes to readCellText, which
 * reports the problems. test/core/isPlainCell.test.ts checks the claims above for every plain character.
 */
export function isPlainCell(value: unknown): value is string {
  return typeof value === "string" && PLAIN_CELL.test(value);
}
