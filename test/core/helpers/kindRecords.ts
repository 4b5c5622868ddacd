import type { GradingScale } from "../../../core/src/kinds/GradingScale";
import type { LetterRecord, LetterTemplate } from "../../../core/src/kinds/LetterTemplate";
import type { TranscriptRecord } from "../../../core/src/kinds/TranscriptRecord";

const t = (en: string, zh: string) => ({ en, "zh-Hant": zh });

/** Harbour University's 4.3 scale: letter grades with points, pass/fail, distinction, in progress, and marks. */
export const SCALE: GradingScale = {
  type: "CredAnchorGradingScale",
  version: 1,
  id: "HU-4.3-2020",
  name: t("Harbour University 4.3 grading scale", "海港大學 4.3 分評級制"),
  maxGpa: 4.3,
  grades: [
    { grade: "A+", points: 4.3, passing: true, legend: t("Excellent", "卓越") },
    { grade: "A", points: 4, passing: true, legend: t("Excellent", "優秀") },
    { grade: "A-", points: 3.7, passing: true, legend: t("Excellent", "優秀") },
    { grade: "B+", points: 3.3, passing: true, legend: t("Good", "良好") },
    { grade: "B", points: 3, passing: true, legend: t("Good", "良好") },
    { grade: "B-", points: 2.7, passing: true, legend: t("Good", "良好") },
    { grade: "C+", points: 2.3, passing: true, legend: t("Fair", "尚可") },
    { grade: "C", points: 2, passing: true, legend: t("Fair", "尚可") },
    { grade: "D", points: 1, passing: true, legend: t("Marginal pass", "勉強及格") },
    { grade: "F", points: 0, passing: false, legend: t("Fail", "不及格") },
    { grade: "P", passing: true, legend: t("Pass (not counted in the GPA)", "及格（不計入平均績點）") },
    { grade: "FL", passing: false, legend: t("Fail (not counted in the GPA)", "不及格（不計入平均績點）") },
    { grade: "DIST", passing: true, legend: t("Pass with distinction", "優異及格") },
    { grade: "IP", passing: false, inProgress: true, legend: t("In progress", "進行中") },
  ],
  marks: { max: 100, pass: 40, legend: t("Numeric mark out of 100; 40 passes", "百分制分數，40 分及格") },
};

/** Three terms: a failed course repeated, a pass/fail course, an exemption, a numeric-mark course and marks beside grades. */
export const TRANSCRIPT_RECORD: TranscriptRecord = {
  studentId: "HU2026001",
  name: t("Chan Tai Man", "陳大文"),
  dateOfBirth: "2003-04-01",
  programme: t("Bachelor of Science in Chemistry", "化學理學士"),
  studyMode: "full-time",
  admissionDate: "2022-09-01",
  status: "completed",
  completionDate: "2026-06-30",
  terms: [
    {
      id: "2022-S1",
      name: t("2022/23 Semester 1", "2022/23 年度上學期"),
      startDate: "2022-09-01",
      gpa: 2.65,
      courses: [
        { code: "CHEM1001", title: t("General Chemistry I", "普通化學一"), credits: 3, grade: "A-", mark: 82 },
        { code: "MATH1010", title: t("Calculus", "微積分"), credits: 3, grade: "F", mark: 31 },
        { code: "ENGL1000", title: t("Academic English", "學術英語"), credits: 3, grade: "P" },
        { code: "GEN1000", title: t("Secondary School Chemistry", "中學化學"), credits: 3, grade: "P", marker: "exemption" },
      ],
    },
    {
      id: "2023-S1",
      name: t("2023/24 Semester 1", "2023/24 年度上學期"),
      startDate: "2023-09-01",
      gpa: 3.5,
      courses: [
        { code: "MATH1010", title: t("Calculus", "微積分"), credits: 3, grade: "B+", marker: "repeat", mark: 71 },
        { code: "CHEM2001", title: t("Organic Chemistry", "有機化學"), credits: 4, grade: "A", mark: 88 },
        { code: "CHEM2990", title: t("Laboratory Project", "實驗室專題"), credits: 2, grade: "DIST" },
        { code: "PHYS1100", title: t("Physics for Chemists", "化學家的物理學"), credits: 3, grade: "67" },
      ],
    },
    {
      id: "2025-S2",
      name: t("2025/26 Semester 2", "2025/26 年度下學期"),
      startDate: "2026-01-12",
      gpa: 4.3,
      courses: [{ code: "CHEM4999", title: t("Capstone in Chemistry", "化學總結專題"), credits: 6, grade: "A+", mark: 95 }],
    },
  ],
  cumulativeGpa: 3.42,
  creditsAttempted: 27,
  creditsEarned: 27,
  degreeCredential: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11",
  hideable: ["dateOfBirth", "gpa", "marks"],
  issuedOn: "2026-07-02",
};

export const LETTER_TEMPLATE: LetterTemplate = {
  id: "proof-of-graduation",
  title: t("Certification of Graduation", "畢業證明書"),
  body: t(
    "This is to certify that {name} (student number {studentId}) completed the {programme} and graduated on {graduationDate}.",
    "茲證明{name}（學生編號 {studentId}）已修畢{programme}課程，並於 {graduationDate} 畢業。",
  ),
  fields: [{ name: "programme", bilingual: true }, { name: "graduationDate" }],
  signerOffice: t("Academic Registrar", "教務長"),
  validDays: 180,
};

export const LETTER_RECORD: LetterRecord = {
  studentId: "HU2026001",
  name: t("Chan Tai Man", "陳大文"),
  fields: { programme: t("Bachelor of Science in Chemistry", "化學理學士"), graduationDate: "2026-06-30" },
  issuedOn: "2026-07-02",
};
