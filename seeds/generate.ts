/**
 * Regenerates the fictional seed data in seeds/ (consortium.json, graduates/*, and each university's grading scale,
 * transcripts and letters: scales/*, transcripts/*, letters/*): `npx tsx seeds/generate.ts`.
 * A fixed-seed PRNG makes the output identical on every run, so the committed files can be diffed against it.
 * seeds/bad-graduates.csv is written by hand, because each of its rows is a deliberate, documented mistake.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gradingScaleFor } from "./generator/gradingScaleFor";
import { type LetterKind, letterTemplateFor } from "./generator/letterTemplateFor";
import { pad, pick, prng, weighted } from "./generator/random";
import { type Transcript, type TranscriptStudent, transcriptRows } from "./generator/transcriptRows";
import type { University } from "./generator/University";


type Level = "ug" | "tpg" | "rpg";

interface Programme {
  degreeEn: string;
  degreeZh: string;
  majorEn: string;
  majorZh: string;
  level: Level;
}

interface Graduates {
  /** How many rows this university's file has. */
  count: number;
  programmes: Programme[];
  congregations: string[];
  idPrefix: string;
  /** Optional columns this registrar exports; the others are simply absent from its file. */
  optional: ("gpa" | "date_of_birth" | "valid_until" | "honours_zh")[];
  /** Undergraduate honours vocabulary: Hong Kong "Division I/II" wording, "Upper/Lower Division", or Latin. */
  honoursStyle: "division" | "upperLower" | "latin";
  format: "csv" | "csv-excel" | "json";
  /** The kind of certification letter this registry issues to the students whose transcripts the seeds hold. */
  letter: LetterKind;
}

const CONSORTIUM: University[] = [
  { id: "harbour", nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", devAccount: 1 },
  { id: "lionrock", nameEn: "Lion Rock University", nameZh: "獅子山大學", domain: "lionrock.example.edu", devAccount: 2 },
  {
    id: "taimoshan",
    nameEn: "Tai Mo Shan University of Science and Technology",
    nameZh: "大帽山科技大學",
    domain: "taimoshan.example.edu",
    devAccount: 3,
  },
  { id: "lantau", nameEn: "Lantau Medical University", nameZh: "大嶼山醫科大學", domain: "lantau.example.edu", devAccount: 4 },
  { id: "saikung", nameEn: "Sai Kung College of Liberal Arts", nameZh: "西貢博雅學院", domain: "saikung.example.edu", devAccount: 5 },
  { id: "bauhinia", nameEn: "Bauhinia Business University", nameZh: "紫荊商業大學", domain: "bauhinia.example.edu", devAccount: 6 },
  { id: "shingmun", nameEn: "Shing Mun University", nameZh: "城門大學", domain: "shingmun.example.edu", devAccount: 7 },
  { id: "plovercove", nameEn: "Plover Cove University", nameZh: "船灣大學", domain: "plovercove.example.edu", devAccount: 8 },
];

const p = (degreeEn: string, degreeZh: string, majorEn: string, majorZh: string, level: Level = "ug"): Programme => ({
  degreeEn,
  degreeZh,
  majorEn,
  majorZh,
  level,
});
const BA = (en: string, zh: string) => p("Bachelor of Arts", "文學士", en, zh);
const BSC = (en: string, zh: string) => p("Bachelor of Science", "理學士", en, zh);
const BENG = (en: string, zh: string) => p("Bachelor of Engineering", "工程學士", en, zh);
const BBA = (en: string, zh: string) => p("Bachelor of Business Administration", "工商管理學士", en, zh);
const BSOCSC = (en: string, zh: string) => p("Bachelor of Social Sciences", "社會科學學士", en, zh);
const MSC = (en: string, zh: string) => p("Master of Science", "理學碩士", en, zh, "tpg");
const MA = (en: string, zh: string) => p("Master of Arts", "文學碩士", en, zh, "tpg");
const PHD = (en: string, zh: string) => p("Doctor of Philosophy", "哲學博士", en, zh, "rpg");
const LLB = p("Bachelor of Laws", "法學士", "Laws", "法律");
const MBBS = p("Bachelor of Medicine and Bachelor of Surgery", "內外全科醫學士", "Medicine", "醫學");
const MBA = p("Master of Business Administration", "工商管理碩士", "Business Administration", "工商管理", "tpg");

const GRADUATES: Record<string, Graduates> = {
  harbour: {
    count: 40,
    programmes: [
      BA("English Studies", "英文研究"),
      BA("History", "歷史"),
      BA("Chinese Language and Literature", "中國語言及文學"),
      BSC("Computer Science", "計算機科學"),
      BSC("Mathematics", "數學"),
      LLB,
      BSOCSC("Psychology", "心理學"),
      MSC("Financial Technology", "金融科技"),
      PHD("History", "歷史"),
    ],
    congregations: ["2024-11-28", "2025-06-20", "2025-11-27", "2026-06-19"],
    idPrefix: "3035",
    optional: ["gpa", "date_of_birth", "honours_zh"],
    honoursStyle: "division",
    format: "csv",
    letter: "proof-of-graduation",
  },
  lionrock: {
    count: 36,
    programmes: [
      BSOCSC("Social Work", "社會工作"),
      BSOCSC("Geography", "地理學"),
      BA("Translation", "翻譯"),
      BBA("Accounting", "會計學"),
      BSC("Environmental Science", "環境科學"),
      MA("Linguistics", "語言學"),
    ],
    congregations: ["2024-12-05", "2025-12-04", "2026-07-09"],
    idPrefix: "LR",
    optional: ["gpa"],
    honoursStyle: "upperLower",
    format: "csv-excel",
    letter: "ranking",
  },
  taimoshan: {
    count: 38,
    programmes: [
      BENG("Civil Engineering", "土木工程"),
      BENG("Electrical and Electronic Engineering", "電機電子工程"),
      BENG("Mechanical Engineering", "機械工程"),
      BENG("Computer Engineering", "電腦工程"),
      BSC("Physics", "物理學"),
      BSC("Data Science", "數據科學"),
      MSC("Computer Science", "計算機科學"),
      PHD("Civil Engineering", "土木工程"),
    ],
    congregations: ["2024-11-15", "2025-11-14", "2026-11-13"],
    idPrefix: "TMS",
    optional: ["gpa", "honours_zh"],
    honoursStyle: "division",
    format: "csv",
    letter: "medium-of-instruction",
  },
  lantau: {
    count: 24,
    programmes: [
      MBBS,
      MBBS,
      p("Bachelor of Nursing", "護理學學士", "Nursing", "護理學"),
      p("Bachelor of Pharmacy", "藥劑學學士", "Pharmacy", "藥劑學"),
      MSC("Public Health", "公共衞生"),
    ],
    congregations: ["2024-07-18", "2025-07-17", "2026-07-16"],
    idPrefix: "LMU",
    optional: ["date_of_birth"],
    honoursStyle: "division",
    format: "csv",
    letter: "proof-of-graduation",
  },
  saikung: {
    count: 30,
    programmes: [
      BA("Philosophy", "哲學"),
      BA("Music", "音樂"),
      BA("Cultural Studies", "文化研究"),
      BSOCSC("Politics and Public Administration", "政治與公共行政"),
      BSC("Biochemistry", "生物化學"),
    ],
    congregations: ["2024-06-14", "2025-06-13", "2026-06-12"],
    idPrefix: "SK",
    optional: ["gpa", "date_of_birth"],
    honoursStyle: "latin",
    format: "csv",
    letter: "ranking",
  },
  bauhinia: {
    count: 32,
    programmes: [
      BBA("Finance", "金融學"),
      BBA("Marketing", "市場學"),
      BBA("Global Business", "環球商業"),
      BBA("Accounting", "會計學"),
      MBA,
      MSC("Business Analytics", "商業分析"),
    ],
    congregations: ["2024-10-25", "2025-10-24", "2026-10-23"],
    idPrefix: "BBU",
    optional: ["gpa"],
    honoursStyle: "division",
    format: "json",
    letter: "medium-of-instruction",
  },
  shingmun: {
    count: 12,
    programmes: [
      p("Bachelor of Education", "教育學士", "Primary Education", "小學教育"),
      BA("Chinese History", "中國歷史"),
      MA("Education", "教育"),
    ],
    congregations: ["2025-11-21", "2026-11-20"],
    idPrefix: "SMU",
    optional: ["date_of_birth"],
    honoursStyle: "division",
    format: "csv",
    letter: "proof-of-graduation",
  },
  plovercove: {
    count: 8,
    programmes: [MSC("Environmental Management", "環境管理"), MSC("Information Security", "資訊保安")],
    congregations: ["2024-07-10", "2025-07-09"],
    idPrefix: "PCU",
    optional: ["valid_until"],
    honoursStyle: "division",
    format: "csv",
    letter: "proof-of-enrolment",
  },
};

// Cantonese (Jyutping-era Hong Kong Government) romanisation, as printed on HK identity cards.
const SURNAMES: [string, string][] = [
  ["Chan", "陳"], ["Wong", "黃"], ["Lee", "李"], ["Cheung", "張"], ["Lau", "劉"], ["Ng", "吳"], ["Leung", "梁"],
  ["Ho", "何"], ["Lam", "林"], ["Tsang", "曾"], ["Yip", "葉"], ["Kwok", "郭"], ["Chow", "周"], ["Tang", "鄧"],
  ["Fung", "馮"], ["Mak", "麥"], ["Tse", "謝"], ["Lo", "盧"], ["Cheng", "鄭"], ["Yeung", "楊"], ["Choi", "蔡"],
  ["Lai", "黎"], ["Poon", "潘"], ["Siu", "蕭"], ["Tam", "譚"], ["Kwan", "關"], ["Ma", "馬"], ["Hui", "許"],
];
// Given names with the gender they are usually given to, so that an added English name matches.
const GIVEN_NAMES: [string, string, "f" | "m"][] = [
  ["Tai Man", "大文", "m"], ["Ka Yan", "嘉欣", "f"], ["Wing Sze", "詠詩", "f"], ["Chi Ho", "志豪", "m"],
  ["Hoi Ling", "凱玲", "f"], ["Ka Ming", "家明", "m"], ["Siu Ming", "小明", "m"], ["Mei Ling", "美玲", "f"],
  ["Wai Kit", "偉傑", "m"], ["Pui Yee", "佩儀", "f"], ["Tsz Hin", "子軒", "m"], ["Hiu Tung", "曉彤", "f"],
  ["Chun Kit", "俊傑", "m"], ["Yan Ting", "欣婷", "f"], ["Ho Yin", "浩賢", "m"], ["Sum Yi", "心怡", "f"],
  ["Kwok Wai", "國偉", "m"], ["Man Ki", "敏琪", "f"], ["Lok Yiu", "樂瑤", "f"], ["Ching Yan", "靜欣", "f"],
  ["Wing Hang", "永恆", "m"], ["Ka Lok", "嘉樂", "m"], ["Cheuk Hei", "卓希", "m"], ["Tsz Ching", "子晴", "f"],
];
// Many Hong Kong graduates also use an English given name, written after a comma: a quoted CSV field.
const ENGLISH_NAMES = {
  m: ["Peter", "Jason", "Kelvin", "Eric", "Marco"],
  f: ["Karen", "Michelle", "Winnie", "Cherry", "Fiona"],
};
// Exchange and non-local students, with the Chinese names their university registered.
const INTERNATIONAL: [string, string][] = [
  ["Priya Sharma", "普莉雅·夏爾馬"],
  ["James O'Connor", "詹姆斯·奧康納"],
  ["Nguyen Thi Mai", "阮氏梅"],
  ["Kim Min-jun", "金敏俊"],
  ["Sophie Müller", "蘇菲·米勒"],
  ["Tanaka Yuki", "田中由紀"],
  ["Ahmed Khan", "艾哈邁德·汗"],
  ["Olivia Brown", "奧莉維亞·布朗"],
  ["Zhang Wei", "張偉"],
  ["Li Xiaoming", "李曉明"],
  ["Siti Aminah binti Rahman", "茜蒂·阿米娜"],
  ["Lucas Martin", "盧卡斯·馬田"],
];

const UG_HONOURS = {
  division: [
    "First Class Honours",
    "Second Class Honours (Division I)",
    "Second Class Honours (Division II)",
    "Third Class Honours",
    "Pass",
  ],
  upperLower: [
    "First Class Honours",
    "Second Class Honours (Upper Division)",
    "Second Class Honours (Lower Division)",
    "Third Class Honours",
    "Pass",
  ],
  latin: ["Summa Cum Laude", "Magna Cum Laude", "Cum Laude", "Pass", "Pass"],
};
const UG_WEIGHTS = [15, 40, 30, 10, 5];
const TPG_HONOURS = ["With Distinction", "With Merit", "Pass"];
const TPG_WEIGHTS = [15, 25, 60];
// GPA bands that go with each class on the 4.3 scale, so a seed GPA never contradicts its honours.
const GPA_BANDS: Record<string, [number, number]> = {
  "First Class Honours": [3.6, 4.3],
  "Second Class Honours (Division I)": [3.0, 3.59],
  "Second Class Honours (Upper Division)": [3.0, 3.59],
  "Second Class Honours (Division II)": [2.5, 2.99],
  "Second Class Honours (Lower Division)": [2.5, 2.99],
  "Third Class Honours": [2.0, 2.49],
  Pass: [1.7, 2.49],
  "Summa Cum Laude": [3.9, 4.3],
  "Magna Cum Laude": [3.7, 3.89],
  "Cum Laude": [3.5, 3.69],
  "With Distinction": [3.7, 4.3],
  "With Merit": [3.3, 3.69],
};

/** A birthday `age` years (give or take a few months) before `awardDate`. */
function dateOfBirth(random: () => number, awardDate: string, age: number): string {
  const year = Number(awardDate.slice(0, 4)) - age;
  return `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
}

type Row = Record<string, string>;

/** A student's English and Chinese names: about 15 % non-local, a quarter of local ones with an English name. */
function personName(random: () => number): [string, string] {
  if (random() < 0.15) return pick(random, INTERNATIONAL);
  const [surnameEn, surnameZh] = pick(random, SURNAMES);
  const [givenEn, givenZh, gender] = pick(random, GIVEN_NAMES);
  return [`${surnameEn} ${givenEn}` + (random() < 0.25 ? `, ${pick(random, ENGLISH_NAMES[gender])}` : ""), surnameZh + givenZh];
}


function graduateRows(spec: Graduates, random: () => number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < spec.count; i++) {
    const programme = pick(random, spec.programmes);
    const awardDate = pick(random, spec.congregations);
    const [nameEn, nameZh] = personName(random);
    // A research degree has no honours class: its cell stays empty, never a placeholder such as "Not Applicable".
    let honours = "";
    if (programme.level === "tpg") honours = weighted(random, TPG_HONOURS, TPG_WEIGHTS);
    else if (programme.level === "ug") honours = weighted(random, UG_HONOURS[spec.honoursStyle], UG_WEIGHTS);

    const row: Row = {
      student_id: `${spec.idPrefix}${awardDate.slice(0, 4)}${pad(i + 1, 4)}`,
      name_en: nameEn,
      name_zh: nameZh,
      degree_en: programme.degreeEn,
      degree_zh: programme.degreeZh,
      major_en: programme.majorEn,
      major_zh: programme.majorZh,
      honours,
      award_date: awardDate,
    };
    const age = programme.level === "ug" ? 21 + Math.floor(random() * 3) : 24 + Math.floor(random() * 10);
    for (const column of spec.optional) {
      // Registrars leave optional cells blank for some graduates (e.g. GPA withheld at the graduate's request).
      const filled = random() < 0.7;
      const band = GPA_BANDS[honours];
      if (column === "gpa") row.gpa = filled && band ? (band[0] + random() * (band[1] - band[0])).toFixed(2) : "";
      if (column === "date_of_birth") row.date_of_birth = filled ? dateOfBirth(random, awardDate, age) : "";
      if (column === "honours_zh") row.honours_zh = "";
      // Professional certificates that must be renewed: valid five years; some have already expired.
      if (column === "valid_until") row.valid_until = `${Number(awardDate.slice(0, 4)) + (i % 2 === 0 ? 5 : 1)}${awardDate.slice(4)}`;
    }
    rows.push(row);
  }
  return rows;
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: Row[], columns: readonly string[], newline: string): string {
  const lines = [columns, ...rows.map((row) => columns.map((column) => row[column] ?? ""))];
  return lines.map((cells) => cells.map(csvField).join(",")).join(newline) + newline;
}

/** How many students of each university have a transcript (and a letter) in the seeds. */
const TRANSCRIPTS_PER_UNIVERSITY = 4;
/** The day the in-progress transcripts stand at. */
const AS_OF = "2026-11-20";
const TRANSCRIPT_COLUMNS = [
  "student_id", "name_en", "name_zh", "date_of_birth", "programme_en", "programme_zh", "study_mode", "admission_date", "status", "status_date",
  "cumulative_gpa", "credits_attempted", "credits_earned", "term", "term_name_en", "term_name_zh", "term_start", "term_gpa", "course_code",
  "course_title_en", "course_title_zh", "credits", "grade", "marker", "mark",
];

/**
 * The students whose transcripts the seeds hold: the first four-year undergraduates of the graduate file (a six-year
 * MBBS is left out), each with the GPA of their graduate row or one in their honours class's band. A university
 * without undergraduates among its sample graduates (Plover Cove) gets current undergraduates in their fourth year.
 */
function transcriptStudents(university: University, graduates: Row[], random: () => number): TranscriptStudent[] {
  const clinical = university.id === "lantau";
  const chosen = graduates
    .filter((row) => row.degree_en!.startsWith("Bachelor") && !row.degree_en!.includes("Surgery"))
    .filter((row) => row.gpa === undefined || row.gpa === "" || (Number(row.gpa) >= 1.8 && Number(row.gpa) <= 4.1))
    .slice(0, TRANSCRIPTS_PER_UNIVERSITY)
    .map((row): TranscriptStudent => {
      const band = GPA_BANDS[row.honours!] ?? [2.5, 3.5];
      const [low, high] = [Math.max(1.8, band[0]), Math.min(4.1, band[1])];
      const gpa = row.gpa === undefined || row.gpa === "" ? low + random() * (high - low) : Number(row.gpa);
      const awardYear = Number(row.award_date!.slice(0, 4));
      return {
        studentId: row.student_id!,
        nameEn: row.name_en!,
        nameZh: row.name_zh!,
        ...(row.date_of_birth === undefined || row.date_of_birth === "" ? {} : { dateOfBirth: row.date_of_birth }),
        degreeEn: row.degree_en!,
        degreeZh: row.degree_zh!,
        majorEn: row.major_en!,
        majorZh: row.major_zh!,
        admissionYear: awardYear - 4,
        status: "completed",
        statusDate: `${awardYear}-05-31`,
        targetGpa: Math.round(gpa * 100),
        clinical,
      };
    });
  if (chosen.length > 0) return chosen;
  const spec = GRADUATES[university.id]!;
  return Array.from({ length: TRANSCRIPTS_PER_UNIVERSITY }, (_, i): TranscriptStudent => {
    const [nameEn, nameZh] = personName(random);
    const major = pick(random, spec.programmes);
    return {
      studentId: `${spec.idPrefix}2023${pad(i + 1, 4)}`,
      nameEn,
      nameZh,
      degreeEn: "Bachelor of Science",
      degreeZh: "理學士",
      majorEn: major.majorEn,
      majorZh: major.majorZh,
      admissionYear: 2023,
      status: "in-progress",
      statusDate: AS_OF,
      targetGpa: Math.round((2.5 + random() * 1.3) * 100),
      clinical,
    };
  });
}

/** The row of a student's letter of the registry's kind, one column per template field (parseLetterFile's columns). */
function letterRow(kind: LetterKind, student: TranscriptStudent, transcript: Transcript, graduate: Row | undefined, random: () => number): Row {
  const row: Row = { student_id: student.studentId, name_en: student.nameEn, name_zh: student.nameZh, programme_en: transcript.programmeEn, programme_zh: transcript.programmeZh };
  const graduationDate = graduate?.award_date ?? "";
  if (kind === "proof-of-graduation") return { ...row, graduation_date: graduationDate };
  if (kind === "medium-of-instruction") return { ...row, admission_date: transcript.admissionDate, completion_date: student.statusDate };
  if (kind === "proof-of-enrolment") {
    return { ...row, study_mode_en: "full-time", study_mode_zh: "全日制", admission_date: transcript.admissionDate, year_of_study: "4", expected_completion: `${student.admissionYear + 4}-06-30` };
  }
  // A graduate's place in the year's cohort follows from their GPA: the higher, the nearer the top.
  const cohortSize = 60 + Math.floor(random() * 140);
  const rank = Math.min(cohortSize, Math.max(1, Math.ceil(cohortSize * ((4.3 - Number(transcript.cumulativeGpa)) / 4.3) * 0.9)));
  return { ...row, graduation_date: graduationDate, cumulative_gpa: transcript.cumulativeGpa, rank: String(rank), cohort_size: String(cohortSize) };
}

const BASE_COLUMNS = ["student_id", "name_en", "name_zh", "degree_en", "degree_zh", "major_en", "major_zh", "honours", "award_date"];

function main(): void {
  const seeds = __dirname;
  for (const folder of ["graduates", "scales", "transcripts", "letters"]) mkdirSync(join(seeds, folder), { recursive: true });
  writeFileSync(join(seeds, "consortium.json"), JSON.stringify(CONSORTIUM, null, 2) + "\n");
  CONSORTIUM.forEach((university, index) => {
    const spec = GRADUATES[university.id];
    if (spec === undefined) throw new Error(`no graduates for ${university.id}`);
    const rows = graduateRows(spec, prng(20261123 + index));
    const columns = [...BASE_COLUMNS, ...spec.optional];
    if (spec.format === "json") {
      // A JSON export omits blank optional fields and writes the GPA as a number.
      const objects = rows.map((row) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([, value]) => value !== "")
            .map(([key, value]) => [key, key === "gpa" ? Number(value) : value]),
        ),
      );
      writeFileSync(join(seeds, "graduates", `${university.id}.json`), JSON.stringify(objects, null, 2) + "\n");
    } else if (spec.format === "csv-excel") {
      // What Excel's "CSV UTF-8" export produces: a byte order mark and CRLF line ends.
      writeFileSync(join(seeds, "graduates", `${university.id}.csv`), "\uFEFF" + toCsv(rows, columns, "\r\n"));
    } else {
      writeFileSync(join(seeds, "graduates", `${university.id}.csv`), toCsv(rows, columns, "\n"));
    }

    // Transcripts and letters from a PRNG of their own, so the graduate files stay as they were.
    const random = prng(20261202 + index);
    const scale = gradingScaleFor(university);
    writeFileSync(join(seeds, "scales", `${university.id}.json`), JSON.stringify(scale, null, 2) + "\n");
    const students = transcriptStudents(university, rows, random);
    const transcripts = students.map((student) => transcriptRows(student, scale, random));
    writeFileSync(join(seeds, "transcripts", `${university.id}.csv`), toCsv(transcripts.flatMap((transcript) => transcript.rows), TRANSCRIPT_COLUMNS, "\n"));
    const template = letterTemplateFor(spec.letter);
    writeFileSync(join(seeds, "letters", `${university.id}-template.json`), JSON.stringify(template, null, 2) + "\n");
    const letters = students.map((student, i) => letterRow(spec.letter, student, transcripts[i]!, rows.find((row) => row.student_id === student.studentId), random));
    writeFileSync(join(seeds, "letters", `${university.id}.csv`), toCsv(letters, Object.keys(letters[0]!), "\n"));
  });
}

main();
