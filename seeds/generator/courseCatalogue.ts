/** A course as a catalogue lists it: code, bilingual title, credits and how it is graded. */
export interface CatalogueCourse {
  code: string;
  en: string;
  zh: string;
  credits: number;
  /** `letter`: a letter grade with points; `passFail`: P or FL; `mark`: a clinical mark out of 100 as the grade. */
  grading: "letter" | "passFail" | "mark";
  /** The term of its year it is taught in, where that matters (a course "I" before its "II"). */
  half?: 1 | 2;
}

const c = (code: string, en: string, zh: string, credits: number, grading: CatalogueCourse["grading"] = "letter", half?: 1 | 2): CatalogueCourse => ({
  code,
  en,
  zh,
  credits,
  grading,
  ...(half === undefined ? {} : { half }),
});

/** University-wide requirements by year of study (codes start with U, which no major's code does). */
export const COMMON_BY_YEAR: CatalogueCourse[][] = [
  [
    c("UENG1001", "English for Academic Purposes", "學術英語", 3, "letter", 1),
    c("UCHI1001", "Practical Chinese Writing", "實用中文寫作", 3),
    c("UFYS1001", "First-year Seminar", "新生研討", 1, "passFail", 1),
    c("UPED1001", "Physical Education", "體育", 1, "passFail"),
    c("UPTH1001", "Putonghua for University Students", "大學普通話", 2),
    c("UINF1001", "Information Literacy", "資訊素養", 1, "passFail"),
  ],
  [
    c("UCCS2001", "Science, Technology and Society", "科學、科技與社會", 3),
    c("UCCH2002", "Hong Kong Society and Culture", "香港社會與文化", 3),
    c("USVL2001", "Service Learning", "服務學習", 2, "passFail"),
  ],
  [
    c("UCCQ3001", "Quantitative Reasoning in Everyday Life", "生活中的量化推理", 3),
    c("UCCE3002", "Ethics and Citizenship", "倫理與公民", 3),
    c("UINT3001", "Workplace Internship", "職場實習", 3, "passFail", 2),
  ],
  [],
];

/** Free electives any student may take. */
export const ELECTIVES: CatalogueCourse[] = [
  c("UGEC1010", "Introduction to Economics", "經濟學導論", 3),
  c("UGPS1020", "Understanding the Human Mind", "認識人類心靈", 3),
  c("UGJP1001", "Japanese I", "日語（一）", 3),
  c("UGKR1001", "Korean I", "韓語（一）", 3),
  c("UGCW1030", "Creative Writing", "創意寫作", 3),
  c("UGMU1040", "Music Appreciation", "音樂欣賞", 3),
  c("UGAS1050", "Astronomy for Everyone", "大眾天文學", 3),
  c("UGEN1060", "Environmental Sustainability", "環境可持續發展", 3),
  c("UGPR1070", "Introduction to Programming", "程式設計入門", 3),
  c("UGEP2080", "Entrepreneurship", "創業學", 3),
  c("UGAH2090", "Art History: East and West", "中西藝術史", 3),
  c("UGST2100", "Statistics in Daily Life", "生活統計學", 3),
  c("UGSP2110", "Public Speaking", "公開演講", 3),
  c("UGFC2120", "Food and Culture", "飲食與文化", 3),
  c("UGLW2130", "Law in Everyday Life", "日常生活中的法律", 3),
  c("UGFN2140", "Personal Finance", "個人理財", 3),
];

type Template = [en: string, zh: string, credits?: number, half?: 1 | 2];

/** A major's courses by level, titles built from the major's names (`{M}` English, `{Z}` Chinese). */
const MAJOR_TEMPLATES: Template[][] = [
  [
    ["Introduction to {M}", "{Z}導論", 3, 1],
    ["Foundations of {M} I", "{Z}基礎（一）", 3, 1],
    ["Foundations of {M} II", "{Z}基礎（二）", 3, 2],
    ["Critical Thinking in {M}", "{Z}批判思考"],
    ["{M} and Society", "{Z}與社會"],
  ],
  [
    ["Research Methods in {M}", "{Z}研究方法"],
    ["Theories of {M}", "{Z}理論"],
    ["Intermediate {M} I", "中級{Z}（一）", 3, 1],
    ["Intermediate {M} II", "中級{Z}（二）", 3, 2],
    ["Data and Evidence in {M}", "{Z}的數據與實證"],
    ["Key Debates in {M}", "{Z}重要論爭"],
    ["Professional Communication in {M}", "{Z}專業溝通"],
  ],
  [
    ["Advanced {M} I", "高級{Z}（一）", 3, 1],
    ["Advanced {M} II", "高級{Z}（二）", 3, 2],
    ["Seminar in {M}", "{Z}專題研討"],
    ["{M} in Asia", "亞洲{Z}"],
    ["Contemporary Issues in {M}", "當代{Z}議題"],
    ["Ethics and {M}", "{Z}與倫理"],
    ["Selected Topics in {M}", "{Z}選題"],
    ["Comparative Perspectives on {M}", "{Z}比較研究"],
  ],
  [
    ["Capstone Project in {M}", "{Z}畢業專題", 6, 2],
    ["Independent Study in {M}", "{Z}獨立研究", 3, 1],
    ["Frontiers of {M}", "{Z}前沿"],
    ["Directed Reading in {M}", "{Z}指導閱讀"],
    ["{M} Practicum", "{Z}實務"],
  ],
];

/** A major's four-letter code prefix: its first word's first letters (`Computer Science` → `COMP`). */
export function majorPrefix(majorEn: string): string {
  return majorEn.replace(/[^A-Za-z ]/g, "").split(" ")[0]!.slice(0, 4).toUpperCase().padEnd(4, "X");
}

/** The major's courses of one level (1–4), numbered in catalogue order (`HIST2003`). */
export function majorCourses(majorEn: string, majorZh: string, level: number): CatalogueCourse[] {
  const templates = MAJOR_TEMPLATES[level - 1] ?? [];
  return templates.map(([en, zh, credits = 3, half], index) =>
    c(`${majorPrefix(majorEn)}${level}${String(index + 1).padStart(3, "0")}`, en.replace("{M}", majorEn), zh.replace("{Z}", majorZh), credits, "letter", half),
  );
}
