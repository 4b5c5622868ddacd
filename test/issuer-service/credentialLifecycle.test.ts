/**
 * The credential lifecycle (issue 14): per (university, student id, kind) a graduate holds one live credential;
 * re-uploads are refused naming it, corrections supersede it, revocation is final except for an explicit, audited
 * reissue after revocation, and a revocation and a reissue of one credential never both proceed.
 */
import { expect } from "chai";
import request from "supertest";
import { describeEachEngine, graduatesCsv, issueCsv, startChain, startService, waitForState, type Chain, type Service } from "./harness";
import { createApiKey, type Role } from "../../issuer-service/domain/apiKeys";
import { sendRevocation } from "../../issuer-service/domain/sendRevocation";
import { transitionHoldings } from "../../issuer-service/domain/transitionHoldings";
import { settleRevocations } from "../../issuer-service/worker/settleRevocations";

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describeEachEngine("issuer service: credential lifecycle", function () {
  this.timeout(240_000);
  let chain: Chain;
  let service: Service;
  let key: string;

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "credential-lifecycle");
    key = service.keys.harbour;
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  const api = () => request(service.app);
  const keyWith = async (roles: Role[]) => (await createApiKey(service.ctx.db, "harbour", roles, `test ${roles.join("+")}`)).key;
  const credentialsOf = async (batchId: string) =>
    (await api().get(`/api/v1/credentials?batch=${batchId}&limit=200`).set(auth(key)).expect(200)).body.items as { id: string; studentId: string; status: string }[];
  const credential = async (id: string) => (await api().get(`/api/v1/credentials/${id}`).set(auth(key)).expect(200)).body;
  const upload = (csv: string, query = "") => api().post(`/api/v1/batches${query}`).set(auth(key)).set("content-type", "text/csv").send(csv);
  const published = (batchId: string) =>
    waitForState(async () => (await api().get(`/api/v1/batches/${batchId}`).set(auth(key))).body, ["published", "failed"]).then((batch) => {
      expect(batch.state, JSON.stringify(batch)).to.equal("published");
      return batch;
    });
  const batchCount = async () => (await service.ctx.db.selectFrom("batches").select("id").execute()).length;

  it("refuses a re-upload of the same class row by row, naming each student's existing credential, and stores nothing", async () => {
    const csv = graduatesCsv("LCA", 3);
    const first = await issueCsv(service.app, key, csv);
    const existing = await credentialsOf(first.id);
    const before = await batchCount();
    const again = await upload(csv).expect(422);
    expect(again.body.error.code).to.equal("INVALID_ROWS");
    expect(again.body.errorCount).to.equal(3);
    const details = again.body.errors as { row: number; field: string; code: string; value: string; credential: string; message: { en: string; "zh-Hant": string }; fix: { en: string } }[];
    expect(details.map((d) => [d.row, d.field, d.code])).to.deep.equal([
      [2, "student_id", "ALREADY_HOLDS"],
      [3, "student_id", "ALREADY_HOLDS"],
      [4, "student_id", "ALREADY_HOLDS"],
    ]);
    for (const detail of details) {
      const holder = existing.find((c) => c.studentId === detail.value)!;
      expect(detail.credential).to.equal(holder.id);
      expect(detail.message.en).to.contain(detail.value).and.contain(holder.id);
      expect(detail.message["zh-Hant"]).to.contain(holder.id);
      expect(detail.fix.en).to.contain("correction");
    }
    expect(await batchCount()).to.equal(before);
  });

  it("a dry run shows the first rows and the students who already hold a credential, and stores nothing", async () => {
    const csv = graduatesCsv("LCA", 7);
    const before = await batchCount();
    const preview = await upload(csv, "?dryRun=true").expect(200);
    expect(preview.body).to.include({ dryRun: true, count: 7 });
    expect(preview.body.preview).to.have.length(5);
    expect(preview.body.preview[0].studentId).to.equal("LCA000001");
    expect((preview.body.warnings as { value: string; code: string }[]).map((w) => [w.value, w.code])).to.deep.equal([
      ["LCA000001", "ALREADY_HOLDS"],
      ["LCA000002", "ALREADY_HOLDS"],
      ["LCA000003", "ALREADY_HOLDS"],
    ]);
    expect(await batchCount()).to.equal(before);
  });

  it("a correction upload supersedes each row's credential in one anchoring, with the lineage both ways", async () => {
    const first = await issueCsv(service.app, key, graduatesCsv("LCC", 2));
    const [a, b] = await credentialsOf(first.id);
    const corrected = graduatesCsv("LCC", 2).replace("Test Graduate 1,", "Corrected Graduate 1,");
    const accepted = await upload(corrected, "?mode=correction&label=Corrections%202026").expect(202);
    expect(accepted.body).to.include({ label: "Corrections 2026", mode: "correction" });
    await published(accepted.body.id);
    const fresh = await credentialsOf(accepted.body.id);
    expect(fresh).to.have.length(2);
    for (const old of [a!, b!]) {
      const replacement = fresh.find((c) => c.studentId === old.studentId)!;
      const oldView = await credential(old.id);
      expect(oldView.state).to.equal("superseded");
      expect(oldView.status.supersededBy).to.equal(replacement.id);
      expect(oldView.history.map((e: { event: string }) => e.event)).to.deep.equal(["issued", "superseded"]);
      const freshView = await credential(replacement.id);
      expect(freshView.state).to.equal("valid");
      expect(freshView.history[0]).to.include({ event: "reissued", related: old.id });
    }
    // The replaced credentials are revoked on chain as superseded: correcting them again is refused.
    await api().post(`/api/v1/credentials/${a!.id}/reissue`).set(auth(key)).send({ nameEn: "Again" }).expect(409);
  });

  it("a correction for a student who holds nothing is a row error, not a new credential", async () => {
    const refused = await upload(graduatesCsv("LCN", 1), "?mode=correction").expect(422);
    expect(refused.body.errors[0]).to.include({ row: 2, code: "NO_CREDENTIAL", value: "LCN000001" });
  });

  it("revoked is final: re-upload, correction and reissue are refused; only a revoker's reissue after revocation, with a reason, brings the student back", async () => {
    const batch = await issueCsv(service.app, key, graduatesCsv("LCR", 1));
    const [held] = await credentialsOf(batch.id);
    await api().post(`/api/v1/credentials/${held!.id}/revoke`).set(auth(key)).send({ reason: "Academic misconduct", reasonCode: "academic-misconduct" }).expect(200);

    const reupload = await upload(graduatesCsv("LCR", 1)).expect(422);
    expect(reupload.body.errors[0]).to.include({ code: "REVOKED", credential: held!.id });
    const correction = await upload(graduatesCsv("LCR", 1), "?mode=correction").expect(422);
    expect(correction.body.errors[0]).to.include({ code: "REVOKED" });
    expect((await api().post(`/api/v1/credentials/${held!.id}/reissue`).set(auth(key)).send({ nameEn: "New Name" }).expect(409)).body.error.code).to.equal("ALREADY_REVOKED");

    const registrar = await keyWith(["registrar"]);
    await api().post(`/api/v1/credentials/${held!.id}/reissue-after-revocation`).set(auth(registrar)).send({ reason: "Appeal upheld" }).expect(403);
    const revoker = await keyWith(["revoker"]);
    await api().post(`/api/v1/credentials/${held!.id}/reissue-after-revocation`).set(auth(revoker)).send({}).expect(400);
    const reissued = await api().post(`/api/v1/credentials/${held!.id}/reissue-after-revocation`).set(auth(revoker)).send({ reason: "Appeal upheld by Senate" }).expect(202);
    expect(reissued.body.mode).to.equal("reissueAfterRevocation");
    await published(reissued.body.id);
    const [fresh] = await credentialsOf(reissued.body.id);
    const freshView = await credential(fresh!.id);
    expect(freshView.state).to.equal("valid");
    expect(freshView.history[0]).to.include({ event: "reissued", related: held!.id });
    const oldView = await credential(held!.id);
    expect(oldView.state).to.equal("revoked");
    expect(oldView.status.reason).to.equal("Academic misconduct");
    const requested = oldView.history.find((e: { event: string }) => e.event === "reissueRequested");
    expect(requested).to.include({ reason: "Appeal upheld by Senate" });
    // A valid credential is corrected, never "reissued after revocation".
    expect((await api().post(`/api/v1/credentials/${fresh!.id}/reissue-after-revocation`).set(auth(revoker)).send({ reason: "x" }).expect(409)).body.error.code).to.equal("NOT_REVOKED");
  });

  it("a revoke while a reissue is pending is refused until it settles, and the misconduct revocation then reaches the replacement", async () => {
    const idle = await startService(chain, "credential-lifecycle", { worker: false });
    try {
      const batch = await issueCsv(service.app, key, graduatesCsv("LCP", 1));
      const [held] = await credentialsOf(batch.id);
      await service.worker.stop();
      const reissue = await request(idle.app).post(`/api/v1/credentials/${held!.id}/reissue`).set(auth(key)).send({ nameEn: "Corrected Name" }).expect(202);
      const refused = await request(idle.app).post(`/api/v1/credentials/${held!.id}/revoke`).set(auth(key)).send({ reason: "Academic misconduct" }).expect(409);
      expect(refused.body.error.code).to.equal("REISSUE_IN_PROGRESS");
      expect(refused.body.error.message.en).to.contain(reissue.body.id);
      service.worker.start();
      await published(reissue.body.id);
      const [replacement] = await credentialsOf(reissue.body.id);
      await api().post(`/api/v1/credentials/${replacement!.id}/revoke`).set(auth(key)).send({ reason: "Academic misconduct", reasonCode: "academic-misconduct" }).expect(200);
      expect((await credential(replacement!.id)).state).to.equal("revoked");
      expect((await credential(held!.id)).state).to.equal("superseded");
      await upload(graduatesCsv("LCP", 1)).expect(422);
    } finally {
      await idle.stop();
      service.worker.start();
    }
  });

  it("a reissue while a revocation is under way is refused (REVOCATION_IN_PROGRESS), and of a revoke and a reissue sent together exactly one proceeds", async () => {
    const batch = await issueCsv(service.app, key, graduatesCsv("LCQ", 2));
    const [first, second] = await credentialsOf(batch.id);
    // Deterministic: the holding is mid-revocation (its chain transaction not yet confirmed).
    await service.ctx.db.transaction().execute((trx) =>
      transitionHoldings(trx, { universityId: "harbour", kind: "award" }, { by: "credential", ids: [first!.id] }, { type: "startRevocation" }),
    );
    const refused = await api().post(`/api/v1/credentials/${first!.id}/reissue`).set(auth(key)).send({ nameEn: "Other" }).expect(409);
    expect(refused.body.error.code).to.equal("REVOCATION_IN_PROGRESS");
    await service.ctx.db.transaction().execute((trx) =>
      transitionHoldings(trx, { universityId: "harbour", kind: "award" }, { by: "credential", ids: [first!.id] }, { type: "abandonRevocation" }),
    );
    // A real race: both requests at once.
    const [revoke, reissue] = await Promise.all([
      api().post(`/api/v1/credentials/${second!.id}/revoke`).set(auth(key)).send({ reason: "Issued in error", reasonCode: "issued-in-error" }),
      api().post(`/api/v1/credentials/${second!.id}/reissue`).set(auth(key)).send({ nameEn: "Raced Name" }),
    ]);
    const outcomes = [revoke.status, reissue.status].sort();
    expect(outcomes, `${JSON.stringify(revoke.body)} ${JSON.stringify(reissue.body)}`).to.satisfy(
      (statuses: number[]) => JSON.stringify(statuses) === JSON.stringify([200, 409]) || JSON.stringify(statuses) === JSON.stringify([202, 409]),
    );
    if (revoke.status === 200) expect((await credential(second!.id)).state).to.equal("revoked");
    else await published(reissue.body.id);
  });

  it("a revocation left half-done by a dead process is settled from the chain: not sent → valid again, sent → revoked with the chain's reason", async () => {
    const batch = await issueCsv(service.app, key, graduatesCsv("LCD", 2));
    const [unsent, sent] = await credentialsOf(batch.id);
    const scope = { universityId: "harbour", kind: "award" };
    await service.ctx.db.transaction().execute((trx) => transitionHoldings(trx, scope, { by: "credential", ids: [unsent!.id, sent!.id] }, { type: "startRevocation" }));
    const document = (await credential(sent!.id)).credential as { proof: { merkleRoot: string; merkleProof: string[] } };
    const { leaf } = await service.ctx.db.selectFrom("credentials").select("leaf").where("id", "=", sent!.id).executeTakeFirstOrThrow();
    await sendRevocation(service.ctx, "harbour", { kind: "credential", root: document.proof.merkleRoot, leaf, proof: document.proof.merkleProof, reasonCode: 1, reason: "Sent before the crash" });
    await settleRevocations(service.ctx, Date.now() + 11 * 60_000);
    expect((await credential(unsent!.id)).state).to.equal("valid");
    const settled = await credential(sent!.id);
    expect(settled.state).to.equal("revoked");
    expect(settled.status.reason).to.equal("Sent before the crash");
  });

  it("searches credentials by student id, name in either language and credential id, filters by state and pages by cursor", async () => {
    const batch = await issueCsv(service.app, key, graduatesCsv("LCS", 12));
    const byStudent = (await api().get("/api/v1/credentials?q=lcs000007").set(auth(key)).expect(200)).body;
    expect(byStudent.total).to.equal(1);
    expect(byStudent.items[0]).to.deep.include({
      studentId: "LCS000007",
      kind: "award",
      nameEn: "Test Graduate 7",
      nameZh: "測試畢業生7",
      status: "valid",
      title: { en: "Bachelor of Science", "zh-Hant": "理學士" },
      date: "2025-06-30",
    });
    const byChinese = (await api().get(`/api/v1/credentials?q=${encodeURIComponent("測試畢業生12")}&batch=${batch.id}`).set(auth(key)).expect(200)).body;
    expect(byChinese.items.map((c: { studentId: string }) => c.studentId)).to.deep.equal(["LCS000012"]);
    const byId = (await api().get(`/api/v1/credentials?q=${encodeURIComponent(byStudent.items[0].id)}`).set(auth(key)).expect(200)).body;
    expect(byId.total).to.equal(1);
    // LIKE metacharacters are literal.
    expect((await api().get("/api/v1/credentials?q=%25").set(auth(key)).expect(200)).body.total).to.equal(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { studentId: string }[]; nextCursor: string | null; total: number } = (
        await api().get(`/api/v1/credentials?batch=${batch.id}&limit=5${cursor === null ? "" : `&cursor=${cursor}`}`).set(auth(key)).expect(200)
      ).body;
      expect(page.total).to.equal(12);
      seen.push(...page.items.map((c) => c.studentId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).to.deep.equal(Array.from({ length: 12 }, (_, i) => `LCS${String(i + 1).padStart(6, "0")}`));
    const revoked = (await api().get("/api/v1/credentials?status=revoked").set(auth(key)).expect(200)).body.items as { status: string }[];
    expect(revoked.length).to.be.greaterThan(0);
    expect(revoked.every((c) => c.status === "revoked")).to.equal(true);
  });
});
