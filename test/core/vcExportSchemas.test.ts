import { createHash } from "node:crypto";
import { expect } from "chai";
import { disclose } from "../../core/src/disclose";
import { exportVc, readVcExport } from "../../core/src/exportVc";
import { LANGUAGES } from "../../core/src/i18n/Language";
import type { AnyCredential } from "../../core/src/kinds/AnyCredential";
import { verifyCredential } from "../../core/src/verifyCredential";
import { anchoredChain, DEPLOYMENT as deployment } from "./helpers/anchoredBatch";
import { mixedBatch } from "./helpers/mixedBatch";
import { publishedSchemaErrors, publishedSchemaText } from "./helpers/publishedSchemas";

const NOW = new Date("2026-10-01T00:00:00Z");
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe("VC exports of every kind against the published 1EdTech schemas (OB 3.0, CLR 2.0)", () => {
  let batch: Awaited<ReturnType<typeof mixedBatch>>;
  before(async () => {
    batch = await mixedBatch();
  });
  const verify = (text: string) => verifyCredential(text, { reader: anchoredChain(batch.transcript), deployment, now: () => NOW, at: NOW });

  it("the shipped schemas are the published files, byte for byte (sha256 of docs/schemas/README.md)", () => {
    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    expect(sha256(publishedSchemaText("achievementCredential"))).to.equal("b7358e895f492e74055dc6bfc7ffc420d0e497f90c4579fb83d9519b86d393ea");
    expect(sha256(publishedSchemaText("clrCredential"))).to.equal("59d778659204b0bd593e9e2ab1683fb6f688e339885c44019f606ed6feb4caee");
  });

  it("an award and a letter export as OB 3.0 AchievementCredentials, a transcript as a CLR 2.0 ClrCredential whose every credential is one too, in both languages", () => {
    for (const language of LANGUAGES) {
      expect(publishedSchemaErrors("achievementCredential", plain(exportVc(batch.award, language))), `award ${language}`).to.deep.equal([]);
      expect(publishedSchemaErrors("achievementCredential", plain(exportVc(batch.letter, language))), `letter ${language}`).to.deep.equal([]);
      const clr = exportVc(batch.transcript, language);
      expect(publishedSchemaErrors("clrCredential", plain(clr)), `transcript ${language}`).to.deep.equal([]);
      for (const inner of clr.credentialSubject.verifiableCredential) {
        expect(publishedSchemaErrors("achievementCredential", plain(inner)), `${inner.id} ${language}`).to.deep.equal([]);
      }
    }
  });

  it("a transcript's CLR has the programme, then one achievement per course in term order with its grade as issued, credits and term", () => {
    const clr = exportVc(batch.transcript, "en");
    const subject = batch.transcript.credentialSubject;
    const courses = subject.terms.flatMap((term) => term.courses.map((course) => ({ term, course })));
    expect(clr.type).to.deep.equal(["VerifiableCredential", "ClrCredential"]);
    expect(clr.name).to.equal("Academic transcript: Bachelor of Science in Chemistry");
    const [programme, ...courseCredentials] = clr.credentialSubject.verifiableCredential;
    expect(courseCredentials).to.have.length(courses.length).and.to.have.length(9);
    expect(clr.credentialSubject.achievement.map((a) => a.id)).to.deep.equal(clr.credentialSubject.verifiableCredential.map((c) => c.credentialSubject.achievement.id));
    expect(clr.credentialSubject.association).to.have.length(9);
    courseCredentials.forEach((credential, i) => {
      const { term, course } = courses[i] as (typeof courses)[number];
      const { achievement, result } = credential.credentialSubject;
      expect(achievement).to.include({ achievementType: "Course", humanCode: course.code, name: course.title.en, creditsAvailable: course.credits });
      expect(credential.credentialSubject.term).to.equal(term.name.en);
      expect(result?.[0]).to.include({ value: course.grade });
      expect(achievement.resultDescription?.[0]).to.include({ name: "Grade", resultType: /^\d+$/.test(course.grade) ? "RawScore" : "LetterGrade" });
    });
    const repeated = courseCredentials[4]?.credentialSubject;
    expect(repeated?.result?.map((r) => r.value)).to.deep.equal(["B+", "3.30", "71.00", "Repeated course"]);
    expect(programme?.credentialSubject.achievement).to.include({ achievementType: "LearningProgram", name: "Bachelor of Science in Chemistry" });
    expect(programme?.credentialSubject.creditsEarned).to.equal(27);
    const gpa = programme?.credentialSubject.result?.find((r) => r.resultDescription.endsWith("/gpa"));
    expect(gpa?.value).to.equal("3.42");
    expect(programme?.credentialSubject.result?.[0]).to.include({ status: "Completed", value: "Completed on 30 June 2026" });
    const zh = exportVc(batch.transcript, "zh-Hant");
    expect(zh.name).to.equal("成績單：化學理學士");
    expect(zh.credentialSubject.verifiableCredential[1]?.credentialSubject.term).to.equal("2022/23 年度上學期");
  });

  it("hidden sections stay absent from a transcript's CLR, which still verifies as the transcript", async () => {
    const hidden = disclose(batch.transcript, ["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/0/courses/0/mark", "/credentialSubject/dateOfBirth"]);
    const clr = exportVc(hidden, "en");
    expect(publishedSchemaErrors("clrCredential", plain(clr))).to.deep.equal([]);
    const descriptions = clr.credentialSubject.verifiableCredential.flatMap((c) => c.credentialSubject.achievement.resultDescription ?? []);
    expect(descriptions.filter((d) => /\/(gpa|mark)$/.test(d.id))).to.deep.equal([]);
    expect(clr.credentialSubject.identifier?.map((i) => i.identityType)).to.deep.equal(["name", "sisSourcedId"]);
    const visible = JSON.stringify({ ...clr, proof: undefined });
    for (const secret of ["2003-04-01", "3.42", "82.00", "95.00"]) expect(visible).not.to.contain(secret);

    const text = JSON.stringify(clr);
    const report = await verify(readVcExport(text) as string);
    expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
    expect((await verify(text)).credential).to.include({ kind: "transcript", id: batch.transcript.id });
    // The same export with its key spelled through a JSON escape is the same document, and read as one.
    const escaped = text.replace('"originalCredential"', '"originalCredentia\\u006c"');
    expect(escaped).not.to.contain("originalCredential");
    expect(readVcExport(escaped)).to.equal(readVcExport(text));
    expect(readVcExport(JSON.stringify(batch.transcript))).to.equal(undefined);
  });

  it("a letter exports its filled title and body, template and signing office", () => {
    const vc = exportVc(batch.letter, "zh-Hant");
    expect(vc.type).to.deep.equal(["VerifiableCredential", "AchievementCredential"]);
    expect(vc.name).to.equal("畢業證明書");
    expect(vc.description).to.contain("茲證明陳大文（學生編號 HU2026001）");
    expect(vc.credentialSubject.achievement).to.include({ achievementType: "ext:CertificationLetter", humanCode: "proof-of-graduation" });
    expect(vc.credentialSubject.achievement.criteria.narrative).to.equal("由海港大學教務長發出。");
  });

  it("a broken export fails the published schema, and an edited one does not verify", async () => {
    const clr = plain(exportVc(batch.transcript, "en"));
    delete (clr.credentialSubject as Record<string, unknown>).verifiableCredential;
    expect(publishedSchemaErrors("clrCredential", clr)).to.include("/credentialSubject: must have required property 'verifiableCredential'");
    const letter = plain(exportVc(batch.letter, "en"));
    delete letter.validFrom;
    (letter.credentialSubject as Record<string, unknown>).result = [{ value: "A" }];
    expect(publishedSchemaErrors("achievementCredential", letter)).to.include.members(["/: must have required property 'validFrom'", "/credentialSubject/result/0: must have required property 'type'"]);

    for (const credential of [batch.transcript, batch.letter] as AnyCredential[]) {
      const edited = plain(exportVc(credential, "en"));
      edited.name = "Doctor of Philosophy";
      const text = JSON.stringify(edited);
      expect(readVcExport(text)).to.equal(undefined);
      const report = await verify(text);
      expect(report.checks.find((c) => c.check === "FORMAT")?.code).to.equal("FORMAT_SCHEMA");
    }
  });
});
