import { gradeMeaning } from "../../../core/src/kinds/GradingScale";
import type { TranscriptRecord } from "../../../core/src/kinds/TranscriptRecord";
import { SCALE, TRANSCRIPT_RECORD } from "../../core/helpers/kindRecords";

const t = (en: string, zh: string) => ({ en, "zh-Hant": zh });

/** Course titles in both languages; codes and grades are assigned per term below. */
const TITLES: [string, string][] = [
  ["General Chemistry I", "普通化學一"],
  ["Calculus", "微積分"],
  ["Academic English", "學術英語"],
  ["Chinese Language and Culture", "中國語文及文化"],
  ["Introduction to Computing", "電腦入門"],
  ["General Chemistry II", "普通化學二"],
  ["Linear Algebra", "線性代數"],
  ["Physics for Chemists", "化學家的物理學"],
  ["Organic Chemistry I", "有機化學一"],
  ["Analytical Chemistry", "分析化學"],
  ["Physical Chemistry I", "物理化學一"],
  ["Inorganic Chemistry", "無機化學"],
  ["Organic Chemistry II", "有機化學二"],
  ["Statistics for Scientists", "科學統計學"],
  ["Biochemistry", "生物化學"],
  ["Physical Chemistry II", "物理化學二"],
  ["Spectroscopy", "光譜學"],
  ["Environmental Chemistry", "環境化學"],
  ["Polymer Science", "高分子科學"],
  ["Chemical Safety and Ethics", "化學安全與倫理"],
  ["Quantum Chemistry", "量子化學"],
  ["Materials Chemistry", "材料化學"],
  ["Medicinal Chemistry", "藥物化學"],
  ["Computational Chemistry", "計算化學"],
  ["Industrial Internship", "工業實習"],
  ["Catalysis", "催化作用"],
  ["Electrochemistry", "電化學"],
  ["Chemistry of Natural Products", "天然產物化學"],
  ["Research Methods", "研究方法"],
  ["Green Chemistry", "綠色化學"],
  ["Nuclear and Radiochemistry", "核化學與放射化學"],
  ["Food Chemistry", "食品化學"],
  ["Surface Science", "表面科學"],
  ["Advanced Organic Synthesis", "高等有機合成"],
  ["Chemical Biology", "化學生物學"],
  ["Forensic Chemistry", "法證化學"],
  ["Crystallography", "晶體學"],
  ["Science Communication", "科學傳意"],
  ["Final Year Project I", "畢業專題一"],
  ["Final Year Project II", "畢業專題二"],
];

const LETTERS = ["A", "B+", "A-", "B", "A", "C+", "B-", "A+"];

/**
 * A full four-year transcript: 8 terms, 44 courses with zh-Hant titles, a failed course (MATH1010, F) repeated two
 * terms later, pass/fail courses (P and one FL), a distinction, an exemption and a transfer credit, marks beside
 * letter grades; GPAs and credits computed from the scale as a registry would (both attempts of the repeat count).
 */
export function longTranscript(issuedOn: string): TranscriptRecord {
  let title = 0;
  const terms = Array.from({ length: 8 }, (_, termIndex) => {
    const year = 2022 + Math.floor(termIndex / 2);
    const second = termIndex % 2 === 1;
    const courses: TranscriptRecord["terms"][number]["courses"] = [];
    for (let i = 0; i < TITLES.length / 8; i++) {
      const [en, zh] = TITLES[title] as [string, string];
      const code = `${en.startsWith("Calculus") || en.startsWith("Linear") || en.startsWith("Statistics") ? "MATH" : "CHEM"}${1000 + termIndex * 100 + i * 10}`;
      courses.push({ code, title: t(en, zh), credits: 3, grade: LETTERS[(title + termIndex) % LETTERS.length] as string, mark: 55 + ((title * 7) % 45) });
      title++;
    }
    return {
      id: `${year}-S${second ? 2 : 1}`,
      name: t(`${year}/${String(year + 1).slice(2)} Semester ${second ? 2 : 1}`, `${year}/${String(year + 1).slice(2)} 年度${second ? "下" : "上"}學期`),
      startDate: second ? `${year + 1}-01-12` : `${year}-09-01`,
      courses,
    };
  });
  // The failed course, its repeat, pass/fail, a distinction, an exemption and a transfer credit.
  terms[0]!.courses[1] = { code: "MATH1010", title: t("Calculus", "微積分"), credits: 3, grade: "F", mark: 31 };
  terms[2]!.courses.push({ code: "MATH1010", title: t("Calculus", "微積分"), credits: 3, grade: "B+", marker: "repeat", mark: 71 });
  terms[0]!.courses[2] = { code: "ENGL1000", title: t("Academic English", "學術英語"), credits: 3, grade: "P" };
  terms[1]!.courses.push({ code: "GEN1000", title: t("Secondary School Chemistry", "中學化學"), credits: 3, grade: "P", marker: "exemption" });
  terms[3]!.courses.push({ code: "SPRT1001", title: t("Physical Education", "體育"), credits: 1, grade: "FL" });
  terms[4]!.courses[4] = { code: "CHEM5040", title: t("Industrial Internship", "工業實習"), credits: 6, grade: "DIST" };
  terms[5]!.courses.push({ code: "EXCH2001", title: t("Exchange: Molecular Modelling (University of Tokyo)", "交換生：分子建模（東京大學）"), credits: 3, grade: "P", marker: "transfer" });

  const points = (grade: string) => gradeMeaning(SCALE, grade);
  const gpaOf = (courses: TranscriptRecord["terms"][number]["courses"]) => {
    const graded = courses.filter((course) => points(course.grade)?.points !== undefined);
    const credits = graded.reduce((sum, course) => sum + course.credits, 0);
    return credits === 0 ? undefined : Math.round((graded.reduce((sum, course) => sum + (points(course.grade)?.points ?? 0) * course.credits, 0) / credits) * 100) / 100;
  };
  const all = terms.flatMap((term) => term.courses);
  const withGpa = terms.map((term) => {
    const gpa = gpaOf(term.courses);
    return gpa === undefined ? term : { ...term, gpa };
  });
  const { terms: _sample, issuedOn: _issued, ...rest } = TRANSCRIPT_RECORD;
  return {
    ...rest,
    studentId: "HU2022017",
    admissionDate: "2022-09-01",
    completionDate: "2026-06-30",
    terms: withGpa,
    cumulativeGpa: gpaOf(all) as number,
    creditsAttempted: all.reduce((sum, course) => sum + course.credits, 0),
    creditsEarned: all.filter((course) => points(course.grade)?.passing === true).reduce((sum, course) => sum + course.credits, 0),
    issuedOn,
  };
}
