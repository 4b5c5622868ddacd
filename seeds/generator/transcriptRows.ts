import { type CatalogueCourse, COMMON_BY_YEAR, ELECTIVES, majorCourses } from "./courseCatalogue";
import type { SeedScale } from "./gradingScaleFor";
import { pick } from "./random";

/** One student whose transcript the seeds hold: who, which programme, how far, and the GPA their record comes to. */
export interface TranscriptStudent {
  studentId: string;
  nameEn: string;
  nameZh: string;
  dateOfBirth?: string;
  degreeEn: string;
  degreeZh: string;
  majorEn: string;
  majorZh: string;
  /** September of this year. */
  admissionYear: number;
  /** `completed`: four years, completed on `statusDate`; `in-progress`: three years and a summer done, the fourth under way. */
  status: "completed" | "in-progress";
  statusDate: string;
  /** The cumulative GPA the graduate's record states (e.g. in the graduate file), in hundredths. */
  targetGpa: number;
  /** Clinical programmes: a distinction-graded practicum, clinical marks, and a mark beside every letter grade. */
  clinical: boolean;
}

export interface Transcript {
  rows: Record<string, string>[];
  cumulativeGpa: string;
  programmeEn: string;
  programmeZh: string;
  admissionDate: string;
  creditsEarned: number;
}

interface Term {
  id: string;
  nameEn: string;
  nameZh: string;
  start: string;
  courses: Taken[];
}

interface Taken {
  course: CatalogueCourse;
  grade?: string;
  marker?: "repeat" | "exemption" | "transfer";
  mark?: number;
  /** The grade is set before the GPA is fitted and never changed by it (the failed course and its repeat). */
  fixed?: boolean;
}

const CLINICAL_BY_YEAR: CatalogueCourse[][] = [
  [],
  [{ code: "UCHP2001", en: "Community Health Practicum", zh: "社區健康實習", credits: 2, grading: "passFail" }],
  [{ code: "UCSA3001", en: "Clinical Skills Assessment I", zh: "臨床技能評核（一）", credits: 2, grading: "mark" }],
  [{ code: "UCSA4001", en: "Clinical Skills Assessment II", zh: "臨床技能評核（二）", credits: 2, grading: "mark" }],
];

function academicTerms(year: number): [Omit<Term, "courses">, Omit<Term, "courses">] {
  const span = `${year}/${String(year + 1).slice(2)}`;
  return [
    { id: `${span}-S1`, nameEn: `${span} Semester 1`, nameZh: `${span} 年度上學期`, start: `${year}-09-01` },
    { id: `${span}-S2`, nameEn: `${span} Semester 2`, nameZh: `${span} 年度下學期`, start: `${year + 1}-01-15` },
  ];
}

/** The programme as a transcript names it: the degree, and the major where the degree does not already say it. */
function programmeOf(student: TranscriptStudent): [string, string] {
  if (student.degreeEn.includes(student.majorEn)) return [student.degreeEn, student.degreeZh];
  return [`${student.degreeEn} in ${student.majorEn}`, `${student.degreeZh}（${student.majorZh}）`];
}

/** Deals a year's courses into its two terms: courses bound to a half first, then the rest to the emptier term. */
function dealYear(courses: CatalogueCourse[], random: () => number): [CatalogueCourse[], CatalogueCourse[]] {
  const halves: [CatalogueCourse[], CatalogueCourse[]] = [[], []];
  for (const course of courses.filter((course) => course.half !== undefined)) halves[(course.half as number) - 1]!.push(course);
  const free = courses.filter((course) => course.half === undefined);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  for (const course of free) halves[halves[0].length <= halves[1].length ? 0 : 1].push(course);
  return halves;
}

const gradePoints = (scale: SeedScale, grade: string | undefined) => scale.grades.find((entry) => entry.grade === grade)?.points;
const tenths = (points: number) => Math.round(points * 10);

/** A GPA in hundredths, unrounded: point-tenths × credits over credits. */
function exactGpa(taken: Taken[], scale: SeedScale): number | undefined {
  let sum = 0;
  let credits = 0;
  for (const entry of taken) {
    const points = gradePoints(scale, entry.grade);
    if (points === undefined) continue;
    sum += tenths(points) * entry.course.credits;
    credits += entry.course.credits;
  }
  return credits === 0 ? undefined : (sum * 10) / credits;
}

/** The GPA as registries print it: hundredths, rounded half up. */
function gpaOf(taken: Taken[], scale: SeedScale): number | undefined {
  const exact = exactGpa(taken, scale);
  return exact === undefined ? undefined : Math.floor(exact + 0.5);
}

/**
 * Moves letter grades one step at a time (then two at once, one up and one down) until the cumulative GPA, every
 * attempt counted, is the target: a graduate's transcript must come to the GPA their award states.
 */
function fitGpa(taken: Taken[], scale: SeedScale, target: number): void {
  const ladder = scale.grades.filter((grade) => grade.points !== undefined && grade.points > 0).sort((a, b) => (a.points as number) - (b.points as number));
  const movable = taken.filter((entry) => entry.course.grading === "letter" && entry.fixed !== true && entry.marker === undefined);
  const rung = (entry: Taken) => ladder.findIndex((grade) => grade.grade === entry.grade);
  const distance = () => Math.abs((exactGpa(taken, scale) as number) - target);
  const fitted = () => gpaOf(taken, scale) === target;
  const moves = (entry: Taken) => [-1, 1].map((step) => rung(entry) + step).filter((index) => index >= 0 && index < ladder.length);
  for (let round = 0; round < 500 && !fitted(); round++) {
    let best: { apply(): void; after: number } | undefined;
    const consider = (changes: [Taken, number][]) => {
      const before = changes.map(([entry]) => entry.grade);
      for (const [entry, index] of changes) entry.grade = ladder[index]!.grade;
      const after = distance();
      changes.forEach(([entry], i) => (entry.grade = before[i]));
      if (after < (best?.after ?? distance())) best = { after, apply: () => changes.forEach(([entry, index]) => (entry.grade = ladder[index]!.grade)) };
    };
    for (const entry of movable) for (const index of moves(entry)) consider([[entry, index]]);
    if (best === undefined) {
      for (const up of movable) for (const down of movable) {
        if (up === down) continue;
        const upIndex = rung(up) + 1;
        const downIndex = rung(down) - 1;
        if (upIndex < ladder.length && downIndex >= 0) consider([[up, upIndex], [down, downIndex]]);
      }
    }
    if (best === undefined) break;
    best.apply();
  }
  if (!fitted()) throw new Error(`cannot fit a GPA of ${target / 100}`);
}

/** A mark out of 100 that goes with a letter grade (the lowest mark of the grade's band and a little). */
function markFor(scale: SeedScale, grade: string, random: () => number): number {
  const points = gradePoints(scale, grade) ?? 0;
  const floor = points === 0 ? 20 : Math.min(95, Math.round(40 + points * 12));
  return floor + Math.floor(random() * 4);
}

/**
 * One student's transcript as rows of the transcript input format (one per course, README "Transcript and letter input"):
 * eight terms of 5–6 courses — university requirements, the major by level, electives —, one failed course repeated
 * and passed two terms later, pass/fail courses, sometimes an exemption and transfer credits from an exchange term;
 * grades fitted so the cumulative GPA (all attempts counted) is the student's; term GPAs and credits computed as the
 * registry does. An in-progress student's last term is graded IP.
 */
export function transcriptRows(student: TranscriptStudent, scale: SeedScale, random: () => number): Transcript {
  const [programmeEn, programmeZh] = programmeOf(student);
  const electives = [...ELECTIVES];
  const takeElective = () => electives.splice(Math.floor(random() * electives.length), 1)[0] as CatalogueCourse;
  const leftovers = majorCourses(student.majorEn, student.majorZh, 3).slice(6);
  const byYear: CatalogueCourse[][] = [0, 1, 2, 3].map((year) => {
    const major = majorCourses(student.majorEn, student.majorZh, year + 1);
    const own = [...(COMMON_BY_YEAR[year] ?? []), ...(year === 2 ? major.slice(0, 6) : major), ...(year === 3 ? leftovers : [])];
    if (student.clinical) own.push(...(CLINICAL_BY_YEAR[year] ?? []));
    const electiveCount = [1, 1, 1, 3][year] as number;
    for (let i = 0; i < electiveCount; i++) own.push(takeElective());
    return own;
  });

  const terms: Term[] = [];
  byYear.forEach((courses, year) => {
    const [first, second] = dealYear(courses, random);
    const [s1, s2] = academicTerms(student.admissionYear + year);
    terms.push({ ...s1, courses: first.map((course) => ({ course })) });
    if (student.status === "in-progress" && year === 3) return;
    terms.push({ ...s2, courses: second.map((course) => ({ course })) });
  });
  if (student.status === "in-progress") {
    // Three years done and the fourth begun: the internship and an elective in the summer before it, the last term under way.
    const summerYear = student.admissionYear + 3;
    const internship = terms.flatMap((term) => term.courses).find((entry) => entry.course.code === "UINT3001") as Taken;
    for (const term of terms) term.courses = term.courses.filter((entry) => entry !== internship);
    const span = `${summerYear - 1}/${String(summerYear).slice(2)}`;
    terms.splice(6, 0, { id: `${span}-SU`, nameEn: `${span} Summer Term`, nameZh: `${span} 年度暑期`, start: `${summerYear}-06-01`, courses: [internship, { course: takeElective() }] });
  }

  const last = terms.length - 1;
  const target = student.targetGpa;
  const ladder = scale.grades.filter((grade) => grade.points !== undefined && grade.points > 0).sort((a, b) => (a.points as number) - (b.points as number));
  const nearest = ladder.reduce((best, grade, index) => (Math.abs(tenths(grade.points as number) * 10 - target) < Math.abs(tenths(ladder[best]!.points as number) * 10 - target) ? index : best), 0);
  terms.forEach((term, index) => {
    for (const entry of term.courses) {
      const { grading } = entry.course;
      if (student.status === "in-progress" && index === last) entry.grade = "IP";
      else if (grading === "passFail") entry.grade = student.clinical && entry.course.code === "UCHP2001" && target >= 330 ? "DIST" : "P";
      else if (grading === "mark") entry.grade = String(Math.min(98, Math.max(52, Math.round(target / 4.3 / 1.1 + random() * 10))));
      else entry.grade = ladder[Math.max(0, Math.min(ladder.length - 1, nearest + Math.round((random() + random() - 1) * 2.5)))]!.grade;
    }
  });

  // One failed course in the first two years, repeated and passed two terms later.
  const failTerm = terms[1 + Math.floor(random() * 3)] as Term;
  const failed = pick(random, failTerm.courses.filter((entry) => entry.course.grading === "letter" && entry.course.code.startsWith("U") === false));
  failed.grade = "F";
  failed.fixed = true;
  const repeatTerm = terms[terms.indexOf(failTerm) + 2] as Term;
  repeatTerm.courses.push({ course: failed.course, grade: pick(random, ["C+", "B-", "B"]), marker: "repeat", fixed: true });
  // Putonghua exempted for some (native speakers); an exchange term's electives brought back as transfer credit.
  if (random() < 0.4) {
    const putonghua = terms[0]!.courses.concat(terms[1]!.courses).find((entry) => entry.course.code === "UPTH1001") as Taken;
    Object.assign(putonghua, { grade: "EX", marker: "exemption", fixed: true });
  }
  if (random() < 0.35) {
    const exchange = terms[4] as Term;
    exchange.courses
      .filter((entry) => entry.course.code.startsWith("UG"))
      .forEach((entry, i) => {
        entry.course = { ...entry.course, code: `XFER300${i + 1}`, en: `Transfer credit: ${entry.course.en}`, zh: `轉移學分：${entry.course.zh}` };
        Object.assign(entry, { grade: "T", marker: "transfer", fixed: true });
      });
  }
  const all = terms.flatMap((term) => term.courses);
  fitGpa(all, scale, target);
  // Clinical programmes print the mark behind every grade that has points (section `marks`).
  if (student.clinical) for (const entry of all) if (gradePoints(scale, entry.grade) !== undefined) entry.mark = markFor(scale, entry.grade as string, random);

  let attempted = 0;
  let earned = 0;
  for (const entry of all) {
    const meaning = scale.grades.find((grade) => grade.grade === entry.grade);
    const passing = meaning === undefined ? Number(entry.grade) >= (scale.marks?.pass ?? 0) : meaning.passing;
    if (meaning?.inProgress === true) continue;
    if (entry.marker !== "exemption" && entry.marker !== "transfer") attempted += entry.course.credits;
    if (passing) earned += entry.course.credits;
  }
  const fixed2 = (value: number | undefined) => (value === undefined ? "" : (value / 100).toFixed(2));
  const cumulativeGpa = fixed2(gpaOf(all, scale));
  const rows: Record<string, string>[] = [];
  for (const term of terms) {
    const termGpa = fixed2(gpaOf(term.courses, scale));
    for (const entry of term.courses) {
      rows.push({
        student_id: student.studentId,
        name_en: student.nameEn,
        name_zh: student.nameZh,
        date_of_birth: student.dateOfBirth ?? "",
        programme_en: programmeEn,
        programme_zh: programmeZh,
        study_mode: "full-time",
        admission_date: `${student.admissionYear}-09-01`,
        status: student.status,
        status_date: student.statusDate,
        cumulative_gpa: cumulativeGpa,
        credits_attempted: String(attempted),
        credits_earned: String(earned),
        term: term.id,
        term_name_en: term.nameEn,
        term_name_zh: term.nameZh,
        term_start: term.start,
        term_gpa: termGpa,
        course_code: entry.course.code,
        course_title_en: entry.course.en,
        course_title_zh: entry.course.zh,
        credits: String(entry.course.credits),
        grade: entry.grade as string,
        marker: entry.marker ?? "",
        mark: entry.mark === undefined ? "" : String(entry.mark),
      });
    }
  }
  return { rows, cumulativeGpa, programmeEn, programmeZh, admissionDate: `${student.admissionYear}-09-01`, creditsEarned: earned };
}
