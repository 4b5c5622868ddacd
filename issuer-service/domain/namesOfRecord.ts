import type { KindRecord } from "@credanchor/core/issue";

/** The graduate's names in a record of any kind: an award's two columns, or a transcript's or letter's bilingual name. */
export function namesOfRecord(record: KindRecord): { nameEn: string; nameZh: string } {
  if ("nameEn" in record) return { nameEn: record.nameEn, nameZh: record.nameZh };
  return { nameEn: record.name.en, nameZh: record.name["zh-Hant"] };
}
