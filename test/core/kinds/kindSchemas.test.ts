import { expect } from "chai";
import { buildCredential } from "../../../core/src/buildCredential";
import { digestCredential } from "../../../core/src/digestCredential";
import { CredentialFormatError, InputValidationError } from "../../../core/src/errors";
import { buildLetterCredential } from "../../../core/src/kinds/buildLetterCredential";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import { parseAnyCredential } from "../../../core/src/kinds/parseAnyCredential";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { LETTER_RECORD, LETTER_TEMPLATE, SCALE, TRANSCRIPT_RECORD } from "../helpers/kindRecords";
import { ISSUER, POSTGRADUATE_RECORD } from "../helpers/records";

const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };
const wrapped = (unsigned: Parameters<typeof wrapBatch>[0][number]) => wrapBatch([unsigned], CONTEXT).credentials[0] as Record<string, unknown>;

/** FORMAT's verdict on a document: the pointers of its schema problems, or [] when it parses. */
function schemaProblems(document: unknown): string[] {
  try {
    parseAnyCredential(JSON.stringify(document));
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(CredentialFormatError);
    return ((error as CredentialFormatError).details as { path: string }[]).map((d) => d.path);
  }
}

type EditableSubject = Record<string, unknown> & { terms: { startDate: string; courses: { code: string }[] }[] };

describe("schemas of the kinds (SPEC §12)", () => {
  it("awards below a degree (Higher Diploma, Associate Degree, Postgraduate Certificate) are awards, with or without honours", () => {
    const awards = [
      ["Higher Diploma", "高級文憑", false],
      ["Associate Degree", "副學士", true],
      ["Postgraduate Certificate", "深造證書", false],
    ] as const;
    for (const [degreeEn, degreeZh, honours] of awards) {
      const record = { ...POSTGRADUATE_RECORD, degreeEn, degreeZh, ...(honours ? { honoursEn: "Distinction", honoursZh: "優異" } : {}) };
      const credential = wrapped(buildCredential(record, ISSUER));
      expect(schemaProblems(credential)).to.deep.equal([]);
      expect((credential.credentialSubject as Record<string, unknown>).honours !== undefined).to.equal(honours);
      expect(() => digestCredential(parseAnyCredential(JSON.stringify(credential)))).not.to.throw();
    }
  });

  it("a transcript has exactly the date its status names, terms in date order, no course twice in a term", () => {
    const transcript = wrapped(buildTranscriptCredential(TRANSCRIPT_RECORD, ISSUER, SCALE));
    const edit = (change: (subject: EditableSubject) => void) => {
      const copy = structuredClone(transcript);
      change(copy.credentialSubject as EditableSubject);
      return schemaProblems(copy);
    };
    expect(schemaProblems(transcript)).to.deep.equal([]);
    expect(edit((s) => { s.status = "in-progress"; })).to.include.members(["/credentialSubject/completionDate", "/credentialSubject/asOf"]);
    expect(edit((s) => { s.asOf = "2026-06-30"; })).to.deep.equal(["/credentialSubject/asOf"]);
    expect(edit((s) => { (s.terms[1] as EditableSubject["terms"][number]).startDate = "2022-09-01"; })).to.deep.equal(["/credentialSubject/terms/1/startDate"]);
    expect(edit((s) => { ((s.terms[0] as EditableSubject["terms"][number]).courses[1] as { code: string }).code = "CHEM1001"; })).to.deep.equal(["/credentialSubject/terms/0/courses"]);
    expect(edit((s) => { s.hideable = ["gpa", "dateOfBirth"]; })).to.deep.equal(["/credentialSubject/hideable"]);
    expect(edit((s) => { s.admissionDate = "2023-01-01"; })).to.deep.equal(["/credentialSubject/terms/0/startDate"]);
  });

  it("a letter's placeholders each name a field or a built-in, and the builders refuse what FORMAT would", () => {
    const letter = wrapped(buildLetterCredential(LETTER_RECORD, LETTER_TEMPLATE, ISSUER));
    expect(schemaProblems(letter)).to.deep.equal([]);
    const copy = structuredClone(letter) as { credentialSubject: { letter: { body: { en: string } } } };
    copy.credentialSubject.letter.body.en += " Ranked {rank}.";
    expect(schemaProblems(copy)).to.deep.equal(["/credentialSubject/letter/body/en"]);
    expect(() => buildLetterCredential({ ...LETTER_RECORD, fields: { programme: "x" } }, LETTER_TEMPLATE, ISSUER)).to.throw(InputValidationError);
    expect(() => buildTranscriptCredential({ ...TRANSCRIPT_RECORD, status: "withdrawn" }, ISSUER, SCALE)).to.throw(InputValidationError);
  });
});
