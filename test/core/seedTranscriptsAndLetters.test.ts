import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GradingScale, gradeMeaning } from "../../core/src/kinds/GradingScale";
import { LetterTemplate } from "../../core/src/kinds/LetterTemplate";
import { parseLetterFile } from "../../core/src/kinds/parseLetterFile";
import { parseTranscriptFile } from "../../core/src/kinds/parseTranscriptFile";
import { buildLetterCredential } from "../../core/src/kinds/buildLetterCredential";
import { renderLetter } from "../../core/src/kinds/renderLetter";
import { decodeGraduateFile, detectGraduateFileFormat, parseGraduateFile } from "../../core/src/parseGraduateFile";
import type { TranscriptRecord } from "../../core/src/kinds/TranscriptRecord";

const SEEDS = join(__dirname, "..", "..", "seeds");
const NOW = new Date("2026-11-23T04:00:00Z");
const universities = JSON.parse(readFileSync(join(SEEDS, "consortium.json"), "utf8")) as { id: string; nameEn: string; nameZh: string }[];
const read = (...path: string[]) => readFileSync(join(SEEDS, ...path), "utf8");
const HAN = /\p{Script=Han}/u;

/** The GPA in hundredths from a list of courses, every attempt with points counted (the seed registries' policy). */
function gpaOf(courses: { credits: number; grade: string }[], scale: GradingScale): number | undefined {
  let sum = 0;
  let credits = 0;
  for (const course of courses) {
    const points = gradeMeaning(scale, course.grade)?.points;
    if (points === undefined) continue;
    sum += Math.round(points * 10) * course.credits;
    credits += course.credits;
  }
  return credits === 0 ? undefined : Math.floor((sum * 10) / credits + 0.5);
}

function graduatesOf(id: string) {
  const file = ["csv", "json"].map((ext) => `${id}.${ext}`).find((name) => existsSync(join(SEEDS, "graduates", name))) as string;
  const text = decodeGraduateFile(new Uint8Array(readFileSync(join(SEEDS, "graduates", file))));
  return parseGraduateFile(text, detectGraduateFileFormat(file, text), { now: NOW }).records;
}

describe("seeds: every university's grading scale, transcripts and letters", () => {
  for (const university of universities) {
    describe(university.id, () => {
      const scale = GradingScale.parse(JSON.parse(read("scales", `${university.id}.json`)));
      const transcripts = parseTranscriptFile(read("transcripts", `${university.id}.csv`), "csv", { scale, hideable: ["dateOfBirth", "gpa", "marks"], now: NOW });
      const template = LetterTemplate.parse(JSON.parse(read("letters", `${university.id}-template.json`)));
      const letters = parseLetterFile(read("letters", `${university.id}.csv`), "csv", { template, now: NOW });

      it("has a grading scale with a bilingual legend for every grade", () => {
        expect(scale.name.en).to.include(university.nameEn);
        expect(scale.name["zh-Hant"]).to.include(university.nameZh);
        for (const grade of scale.grades) expect(HAN.test(grade.legend["zh-Hant"]), grade.grade).to.equal(true);
      });

      it("has transcripts the transcript parser accepts without an error: 40+ courses over 8 terms, zh-Hant titles", () => {
        expect(transcripts.errors).to.deep.equal([]);
        expect(transcripts.records).to.have.length(4);
        for (const record of transcripts.records) {
          const courses = record.terms.flatMap((term) => term.courses);
          expect(record.terms.length, record.studentId).to.be.at.least(8);
          expect(courses.length, record.studentId).to.be.at.least(40);
          for (const course of courses) expect(HAN.test(course.title["zh-Hant"]), course.code).to.equal(true);
        }
      });

      it("fails a course once and passes its repeat in a later term, and has pass/fail courses", () => {
        for (const record of transcripts.records) {
          const placed = record.terms.flatMap((term, index) => term.courses.map((course) => ({ ...course, index })));
          const failed = placed.filter((course) => course.grade === "F");
          expect(failed, record.studentId).to.have.length(1);
          const repeat = placed.find((course) => course.marker === "repeat");
          expect(repeat?.code).to.equal(failed[0]!.code);
          expect(repeat!.index).to.be.greaterThan(failed[0]!.index);
          expect(gradeMeaning(scale, repeat!.grade)?.passing).to.equal(true);
          expect(placed.some((course) => course.grade === "P"), record.studentId).to.equal(true);
        }
      });

      it("states term and cumulative GPAs that the courses' grade points and credits give, on the scale's range", () => {
        for (const record of transcripts.records) {
          const cumulative = gpaOf(record.terms.flatMap((term) => term.courses), scale);
          expect(Math.round(record.cumulativeGpa! * 100), record.studentId).to.equal(cumulative);
          expect(record.cumulativeGpa).to.be.at.most(scale.maxGpa);
          for (const term of record.terms) {
            const expected = gpaOf(term.courses, scale);
            expect(term.gpa === undefined ? undefined : Math.round(term.gpa * 100), `${record.studentId} ${term.id}`).to.equal(expected);
          }
        }
      });

      it("gives a graduate's transcript the GPA, programme and names of the graduate's award", () => {
        const graduates = new Map(graduatesOf(university.id).map((graduate) => [graduate.studentId, graduate]));
        for (const record of transcripts.records as TranscriptRecord[]) {
          const graduate = graduates.get(record.studentId);
          if (record.status === "in-progress") {
            expect(graduate).to.equal(undefined);
            expect(record.terms.at(-1)!.courses.every((course) => course.grade === "IP")).to.equal(true);
            continue;
          }
          expect(graduate, record.studentId).to.not.equal(undefined);
          expect(record.name).to.deep.equal({ en: graduate!.nameEn, "zh-Hant": graduate!.nameZh });
          expect(record.programme.en).to.include(graduate!.degreeEn);
          if (graduate!.gpa !== undefined) expect(record.cumulativeGpa).to.equal(graduate!.gpa);
          expect(record.completionDate! <= graduate!.awardDate).to.equal(true);
        }
      });

      it("has one kind of letter, for the students with a transcript, that the letter parser accepts and renders completely", () => {
        expect(letters.errors).to.deep.equal([]);
        expect(letters.records.map((letter) => letter.studentId)).to.deep.equal(transcripts.records.map((record) => record.studentId));
        const issuer = { id: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", chainId: 31337, nameEn: university.nameEn, nameZh: university.nameZh };
        for (const record of letters.records) {
          const letter = buildLetterCredential(record, template, issuer);
          for (const language of ["en", "zh-Hant"] as const) {
            const { title, body } = renderLetter(letter, language);
            expect(`${title} ${body}`, `${record.studentId} ${language}`).to.not.match(/[{}]/);
            expect(body).to.include(record.name[language]);
          }
        }
      });
    });
  }

  it("issues each of the four letter kinds somewhere in the consortium", () => {
    const kinds = new Set(universities.map((university) => (JSON.parse(read("letters", `${university.id}-template.json`)) as { id: string }).id));
    expect([...kinds].sort()).to.deep.equal(["medium-of-instruction", "proof-of-enrolment", "proof-of-graduation", "ranking"]);
  });
});
