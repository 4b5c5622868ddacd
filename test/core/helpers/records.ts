import fc from "fast-check";
import type { GraduateRecord } from "../../../core/src/GraduateRecord";
import { indexOfUnassigned } from "../../../core/src/indexOfUnassigned";

export const ISSUER = {
  id: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  chainId: 31337,
  nameEn: "Harbour University",
  nameZh: "海港大學",
  domain: "harbour.example.edu",
};

export const RECORD: GraduateRecord = {
  studentId: "HU2026001",
  nameEn: "Chan Tai Man",
  nameZh: "陳大文",
  degreeEn: "Bachelor of Science",
  degreeZh: "理學士",
  majorEn: "Chemistry",
  majorZh: "化學",
  honoursEn: "First Class Honours",
  honoursZh: "一級榮譽",
  awardDate: "2026-06-30",
  gpa: 3.61,
  dateOfBirth: "2003-04-01",
  validUntil: "2031-06-30",
};

/** A doctorate: no honours class, so no honours at all (SPEC §1), and no GPA, date of birth or expiry. */
export const POSTGRADUATE_RECORD: GraduateRecord = {
  studentId: "HU2026P01",
  nameEn: "Lee Siu Ming",
  nameZh: "李小明",
  degreeEn: "Doctor of Philosophy",
  degreeZh: "哲學博士",
  majorEn: "Physics",
  majorZh: "物理學",
  awardDate: "2026-06-30",
};

// Only characters assigned in the SPEC's Unicode version: fast-check draws from the engine's, which may be newer.
const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
  .map((s) => s.normalize("NFC").trim())
  .filter((s) => s.length > 0 && indexOfUnassigned(s) === -1);
const date = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const fullRecord = fc.record(
  {
    studentId: text, nameEn: text, nameZh: text, degreeEn: text, degreeZh: text, majorEn: text, majorZh: text,
    honoursEn: text, honoursZh: text, awardDate: date,
    gpa: fc.integer({ min: 0, max: 430 }).map((n) => n / 100),
    dateOfBirth: date,
    validUntil: fc.constant("2031-12-31"),
  },
  { requiredKeys: ["studentId", "nameEn", "nameZh", "degreeEn", "degreeZh", "majorEn", "majorZh", "honoursEn", "honoursZh", "awardDate"] },
);

/** Random valid graduate records (validUntil, when present, after the award date; honours in both languages or neither). */
export const arbitraryRecord: fc.Arbitrary<GraduateRecord> = fc.tuple(fullRecord, fc.boolean()).map(([record, withHonours]) => {
  if (withHonours) return record;
  const { honoursEn: _en, honoursZh: _zh, ...postgraduate } = record;
  return postgraduate;
});
