import fc from "fast-check";
import type { TranscriptRecord } from "../../../core/src/kinds/TranscriptRecord";
import { SCALE, TRANSCRIPT_RECORD } from "./kindRecords";

const GRADES = [...SCALE.grades.map((grade) => grade.grade), "0", "55", "100"];
const title = fc.string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(..."abcdefgh 化學物理數") }).map((s) => s.trim() || "x");

const course = (code: string) =>
  fc.record(
    {
      code: fc.constant(code),
      title: fc.record({ en: title, "zh-Hant": title }),
      credits: fc.integer({ min: 0, max: 800 }).map((n) => n / 100),
      grade: fc.constantFrom(...GRADES),
      marker: fc.constantFrom("repeat" as const, "exemption" as const, "transfer" as const),
      mark: fc.integer({ min: 0, max: 100 }),
    },
    { requiredKeys: ["code", "title", "credits", "grade"] },
  );

const term = (index: number) =>
  fc.integer({ min: 1, max: 5 }).chain((count) =>
    fc.record(
      {
        id: fc.constant(`T${index}`),
        name: fc.constant({ en: `Term ${index}`, "zh-Hant": `第 ${index} 學期` }),
        startDate: fc.constant(`${2022 + index}-09-01`),
        gpa: fc.integer({ min: 0, max: 430 }).map((n) => n / 100),
        courses: fc.tuple(...Array.from({ length: count }, (_, i) => course(`C${index}${i}`))),
      },
      { requiredKeys: ["id", "name", "startDate", "courses"] },
    ),
  );

/** Random transcripts of 1 to 4 terms of 1 to 5 courses, every grade on SCALE, some hideable sections. */
export const arbitraryTranscript: fc.Arbitrary<TranscriptRecord> = fc
  .integer({ min: 1, max: 4 })
  .chain((terms) => fc.tuple(fc.tuple(...Array.from({ length: terms }, (_, i) => term(i))), fc.subarray(["dateOfBirth", "gpa", "marks"] as const)))
  .map(([terms, hideable]) => {
    const { hideable: _ignored, ...base } = TRANSCRIPT_RECORD;
    return { ...base, terms, ...(hideable.length === 0 ? {} : { hideable }) };
  });
