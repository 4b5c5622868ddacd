/**
 * A registrar's CSV of `n` graduates, deterministic for a given n: mixed degrees, honours, Chinese names, with and
 * without GPA, birth date and expiry, so the credentials have the shapes a real class produces (23 to 26 claims).
 */
const SURNAMES = [["Chan", "陳"], ["Wong", "黃"], ["Lee", "李"], ["Cheung", "張"], ["Lau", "劉"], ["Ho", "何"], ["Ng", "吳"], ["Leung", "梁"]] as const;
const GIVEN = [["Tai Man", "大文"], ["Ka Yan", "嘉欣"], ["Wai Kit", "偉傑"], ["Siu Ming", "小明"], ["Mei Ling", "美玲"], ["Chi Keung", "志強"]] as const;
const DEGREES = [
  ["Bachelor of Science", "理學士", "Chemistry", "化學"],
  ["Bachelor of Arts", "文學士", "History", "歷史"],
  ["Bachelor of Engineering", "工程學士", "Civil Engineering", "土木工程"],
  ["Master of Philosophy", "哲學碩士", "Mathematics", "數學"],
] as const;
const HONOURS = ["First Class Honours", "Second Class Honours (Division I)", "Second Class Honours (Division II)", "Third Class Honours", "Pass"];

export const GRADUATE_CSV_HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,date_of_birth,valid_until";

export function graduateRow(i: number): string {
  const [surnameEn, surnameZh] = SURNAMES[i % SURNAMES.length] as readonly [string, string];
  const [givenEn, givenZh] = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] as readonly [string, string];
  const [degreeEn, degreeZh, majorEn, majorZh] = DEGREES[i % DEGREES.length] as readonly [string, string, string, string];
  const honours = HONOURS[i % HONOURS.length] as string;
  const gpa = i % 7 === 0 ? "" : (2 + ((i * 37) % 231) / 100).toFixed(2);
  const birth = i % 5 === 0 ? "" : `${2000 + (i % 5)}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")}`;
  const validUntil = i % 3 === 0 ? "" : "2031-06-30";
  return `HU${String(20_260_000_000 + i)},${surnameEn} ${givenEn},${surnameZh}${givenZh},${degreeEn},${degreeZh},${majorEn},${majorZh},${honours},2026-06-30,${gpa},${birth},${validUntil}`;
}

export function graduateCsv(n: number, from = 0): string {
  const lines = [GRADUATE_CSV_HEADER];
  for (let i = from; i < from + n; i++) lines.push(graduateRow(i));
  return `${lines.join("\n")}\n`;
}
