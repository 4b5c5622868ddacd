import type { University } from "./University";

type Legend = { en: string; "zh-Hant": string };
export interface ScaleGrade {
  grade: string;
  legend: Legend;
  points?: number;
  passing: boolean;
  inProgress?: true;
}
export interface SeedScale {
  type: "CredAnchorGradingScale";
  version: 1;
  id: string;
  name: Legend;
  maxGpa: number;
  grades: ScaleGrade[];
  marks?: { max: number; pass: number; legend: Legend };
}

const l = (en: string, zh: string): Legend => ({ en, "zh-Hant": zh });
const letter = (grade: string, points: number, legend: Legend): ScaleGrade => ({ grade, points, passing: points > 0, legend });

/** The Hong Kong 4.3 letter ladder (A+ to F). */
const LADDER_43 = [
  letter("A+", 4.3, l("Excellent", "卓越")),
  letter("A", 4, l("Excellent", "優秀")),
  letter("A-", 3.7, l("Excellent", "優秀")),
  letter("B+", 3.3, l("Good", "良好")),
  letter("B", 3, l("Good", "良好")),
  letter("B-", 2.7, l("Good", "良好")),
  letter("C+", 2.3, l("Satisfactory", "尚可")),
  letter("C", 2, l("Satisfactory", "尚可")),
  letter("C-", 1.7, l("Satisfactory", "尚可")),
  letter("D+", 1.3, l("Pass", "及格")),
  letter("D", 1, l("Pass", "及格")),
  letter("F", 0, l("Fail", "不及格")),
];
/** Grades without points that every seed scale has: pass/fail, exemption, transfer credit, in progress. */
const NON_GPA: ScaleGrade[] = [
  { grade: "P", passing: true, legend: l("Pass (not counted in the GPA)", "及格（不計入平均績點）") },
  { grade: "FL", passing: false, legend: l("Fail (not counted in the GPA)", "不及格（不計入平均績點）") },
  { grade: "EX", passing: true, legend: l("Exempted: credits granted, not counted in the GPA", "豁免：獲授學分，不計入平均績點") },
  { grade: "T", passing: true, legend: l("Transfer credit from another institution, not counted in the GPA", "轉移學分（他校修讀），不計入平均績點") },
  { grade: "IP", passing: false, inProgress: true, legend: l("In progress", "修讀中") },
];
const DISTINCTION: ScaleGrade = { grade: "DIST", passing: true, legend: l("Pass with distinction (not counted in the GPA)", "優異及格（不計入平均績點）") };

/**
 * Each seed university's grading scale (SPEC §12.2), published once and named by CID in its transcripts: the Hong
 * Kong 4.3 ladder (the seed graduates' GPAs are on it) with pass/fail, exemption, transfer and in-progress grades;
 * the medical university adds distinctions and numeric marks for clinical assessments.
 */
export function gradingScaleFor(university: University): SeedScale {
  const prefix = university.id.toUpperCase().slice(0, 4);
  const scale: SeedScale = { type: "CredAnchorGradingScale", version: 1, id: `${prefix}-4.3-2020`, name: l(`${university.nameEn} 4.3 grading scale`, `${university.nameZh} 4.3 分評級制`), maxGpa: 4.3, grades: [...LADDER_43, ...NON_GPA] };
  if (university.id !== "lantau") return scale;
  return {
    ...scale,
    grades: [...LADDER_43, DISTINCTION, ...NON_GPA],
    marks: { max: 100, pass: 50, legend: l("Clinical assessment mark out of 100; 50 passes (not counted in the GPA)", "臨床評核百分制分數，50 分及格（不計入平均績點）") },
  };
}
