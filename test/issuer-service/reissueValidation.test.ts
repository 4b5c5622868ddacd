import { expect } from "chai";
import request from "supertest";
import { describeEachEngine, downloadZip, graduatesCsv, issueCsv, startChain, startService, waitForState, type Chain, type Service } from "./harness";

/**
 * Issue 14, "Reissue skips the upload validation": values a CSV upload refuses were anchored through
 * POST /credentials/:id/reissue. The reissue body now goes through the upload's validator (validateGraduateRecord).
 */
describeEachEngine("issuer service: a reissue is validated like an upload row", function () {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  let credentialIds: string[];

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "reissue-validation");
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("RX", 2));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    credentialIds = Object.keys(files)
      .filter((name) => !name.startsWith("batch-"))
      .map((name) => (JSON.parse(new TextDecoder().decode(files[name])) as { id: string }).id);
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  const batchCount = async () => (await request(service.app).get("/api/v1/batches").set(auth(service.keys.harbour)).expect(200)).body.items.length as number;

  const refused: { name: string; body: Record<string, string>; field: string; code: string; value: string }[] = [
    { name: "a right-to-left override", body: { nameEn: "Test \u202EGraduate" }, field: "nameEn", code: "INVALID_CHARACTERS", value: "Test <U+202E>Graduate" },
    { name: "a tab", body: { majorEn: "Chem\tistry" }, field: "majorEn", code: "INVALID_CHARACTERS", value: "Chem<U+0009>istry" },
    { name: "a name_zh without Chinese", body: { nameZh: "Chan Tai Man" }, field: "nameZh", code: "NAME_ZH_NOT_CHINESE", value: "Chan Tai Man" },
    { name: "an award date in 2099", body: { awardDate: "2099-06-30" }, field: "awardDate", code: "AWARD_DATE_FUTURE", value: "2099-06-30" },
    { name: "a birth date after the award", body: { dateOfBirth: "2025-07-01" }, field: "dateOfBirth", code: "INVALID_DATE_OF_BIRTH", value: "2025-07-01" },
  ];
  for (const { name, body, field, code, value } of refused) {
    it(`refuses ${name} with 422 and a row error naming the field, the value and the fix, anchoring nothing`, async () => {
      const before = await batchCount();
      const response = await request(service.app).post(`/api/v1/credentials/${credentialIds[0]}/reissue`).set(auth(service.keys.harbour)).send(body).expect(422);
      expect(response.body.error.code).to.equal("INVALID_ROWS");
      expect(response.body.errorCount).to.equal(1);
      const [error] = response.body.errors as { row: number; field: string; code: string; value: string; message: Record<string, string>; fix: Record<string, string> }[];
      expect(error).to.deep.include({ row: 1, field, code, value });
      for (const language of ["en", "zh-Hant"]) {
        expect(error!.message[language]).to.contain(field).and.to.contain(value).and.to.contain(error!.fix[language]);
        expect(error!.fix[language]).to.be.a("string").with.length.greaterThan(5);
      }
      expect(await batchCount()).to.equal(before);
    });
  }

  it("accepts a correction that removes the honours: the replacement has no honours claim at all", async () => {
    const reissue = await request(service.app).post(`/api/v1/credentials/${credentialIds[1]}/reissue`).set(auth(service.keys.harbour)).send({ honoursEn: "" }).expect(202);
    const done = await waitForState(
      async () => (await request(service.app).get(`/api/v1/batches/${reissue.body.id}`).set(auth(service.keys.harbour))).body,
      ["published", "failed"],
    );
    expect(done.state, JSON.stringify(done)).to.equal("published");
    const files = await downloadZip(service.app, service.keys.harbour, reissue.body.id);
    const name = Object.keys(files).find((file) => !file.startsWith("batch-"))!;
    const replacement = JSON.parse(new TextDecoder().decode(files[name])) as { credentialSubject: Record<string, unknown>; proof: { salts: Record<string, string> } };
    expect(replacement.credentialSubject).not.to.have.property("honours");
    expect(Object.keys(replacement.proof.salts).filter((pointer) => pointer.includes("honours"))).to.deep.equal([]);
  });
});
