type Text = { en: string; "zh-Hant": string };

export type LetterKind = "proof-of-graduation" | "proof-of-enrolment" | "medium-of-instruction" | "ranking";

export interface SeedLetterTemplate {
  id: LetterKind;
  title: Text;
  body: Text;
  fields: { name: string; bilingual?: boolean }[];
  signerOffice: Text;
  validDays: number;
}

const REGISTRAR: Text = { en: "Academic Registrar", "zh-Hant": "教務長" };

const TEMPLATES: Record<LetterKind, SeedLetterTemplate> = {
  "proof-of-graduation": {
    id: "proof-of-graduation",
    title: { en: "Certification of Graduation", "zh-Hant": "畢業證明書" },
    body: {
      en: "This is to certify that {name} (student number {studentId}) completed the {programme} and was awarded the degree on {graduationDate}.",
      "zh-Hant": "茲證明{name}（學生編號 {studentId}）已修畢{programme}課程，並於 {graduationDate} 獲頒授學位。",
    },
    fields: [{ name: "programme", bilingual: true }, { name: "graduationDate" }],
    signerOffice: REGISTRAR,
    validDays: 365,
  },
  "proof-of-enrolment": {
    id: "proof-of-enrolment",
    title: { en: "Certification of Enrolment", "zh-Hant": "在學證明書" },
    body: {
      en: "This is to certify that {name} (student number {studentId}) has been a {studyMode} student of the {programme} since {admissionDate}, is in year {yearOfStudy} of study and is expected to complete the programme by {expectedCompletion}.",
      "zh-Hant": "茲證明{name}（學生編號 {studentId}）自 {admissionDate} 起為本校{programme}{studyMode}學生，現就讀第 {yearOfStudy} 年，預計於 {expectedCompletion} 或之前完成課程。",
    },
    fields: [{ name: "programme", bilingual: true }, { name: "studyMode", bilingual: true }, { name: "admissionDate" }, { name: "yearOfStudy" }, { name: "expectedCompletion" }],
    signerOffice: { en: "Registry", "zh-Hant": "教務處" },
    validDays: 90,
  },
  "medium-of-instruction": {
    id: "medium-of-instruction",
    title: { en: "Certification of Medium of Instruction", "zh-Hant": "教學語言證明書" },
    body: {
      en: "This is to certify that {name} (student number {studentId}) studied the {programme} from {admissionDate} to {completionDate}, and that the medium of instruction and assessment of the programme was English.",
      "zh-Hant": "茲證明{name}（學生編號 {studentId}）於 {admissionDate} 至 {completionDate} 修讀{programme}課程，該課程以英語為教學及評核語言。",
    },
    fields: [{ name: "programme", bilingual: true }, { name: "admissionDate" }, { name: "completionDate" }],
    signerOffice: REGISTRAR,
    validDays: 365,
  },
  ranking: {
    id: "ranking",
    title: { en: "Certification of Academic Ranking", "zh-Hant": "學業排名證明書" },
    body: {
      en: "This is to certify that {name} (student number {studentId}) graduated from the {programme} on {graduationDate} with a cumulative GPA of {cumulativeGpa} on the university's 4.3 scale, ranking {rank} among the {cohortSize} graduates of the programme that year.",
      "zh-Hant": "茲證明{name}（學生編號 {studentId}）於 {graduationDate} 畢業於{programme}課程，累積平均績點為 {cumulativeGpa}（本校 4.3 分制），在該年度該課程 {cohortSize} 名畢業生中排名第 {rank}。",
    },
    fields: [{ name: "programme", bilingual: true }, { name: "graduationDate" }, { name: "cumulativeGpa" }, { name: "rank" }, { name: "cohortSize" }],
    signerOffice: REGISTRAR,
    validDays: 180,
  },
};

/** The letter template of a kind (SPEC §12.3): bilingual title and body with `{field}` placeholders. */
export function letterTemplateFor(kind: LetterKind): SeedLetterTemplate {
  return TEMPLATES[kind];
}
