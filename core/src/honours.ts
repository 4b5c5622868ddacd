/**
 * Standard Chinese wording of the honours classifications Hong Kong universities print on degree certificates,
 * keyed by a loose form of the English (see `looseForm`) so that the spellings registrars actually use —
 * "Second Class Honours (Division I)", "Second Class Honours, Upper Division", "Honors" — all find their translation.
 */
const HONOURS_ZH: ReadonlyMap<string, string> = new Map(
  (
    [
      [["first class honours"], "一級榮譽"],
      [
        [
          "second class honours division i",
          "second class honours division 1",
          "second class honours upper division",
          "upper second class honours",
        ],
        "二級榮譽（甲等）",
      ],
      [
        [
          "second class honours division ii",
          "second class honours division 2",
          "second class honours lower division",
          "lower second class honours",
        ],
        "二級榮譽（乙等）",
      ],
      [["third class honours"], "三級榮譽"],
      [["pass"], "及格"],
      [["with distinction", "distinction"], "優異"],
      [["with merit", "merit"], "良好"],
      [["summa cum laude"], "最優等榮譽"],
      [["magna cum laude"], "極優等榮譽"],
      [["cum laude"], "優等榮譽"],
    ] as const
  ).flatMap(([spellings, zh]) => spellings.map((spelling) => [spelling, zh] as const)),
);

/** Case, punctuation, spacing and US spelling vary between registrars' systems but do not change the meaning. */
function looseForm(en: string): string {
  return en
    .normalize("NFKC")
    .toLowerCase()
    .replace(/honors/g, "honours")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Answers of translateHonours by the English as written (null: not a standard class): a class of thousands of rows
 * spells its honours a few ways, and the loose form cost more than the rest of a row's check. Bounded; cleared when full.
 */
const translations = new Map<string, string | null>();
const MAX_TRANSLATIONS = 1024;

/**
 * The Traditional Chinese for a standard honours classification, or undefined when it is not one we know: the
 * caller must then ask the registrar for `honours_zh` rather than print English in the Chinese field.
 */
export function translateHonours(en: string): string | undefined {
  let known = translations.get(en);
  if (known === undefined) {
    known = HONOURS_ZH.get(looseForm(en)) ?? null;
    if (translations.size >= MAX_TRANSLATIONS) translations.clear();
    translations.set(en, known);
  }
  return known ?? undefined;
}
