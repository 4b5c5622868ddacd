/**
 * The service learns of the consortium council's revocations (issue 20): `credanchor governance revoke-credential |
 * revoke-batch` on the service's own batches makes the credentials revoked in GET /credentials and their history,
 * "by the consortium council" with the chain's reason, once — across restarts, re-reads and a chain reorganisation —
 * and a later reissue needs reissue-after-revocation. The service's own revocations are not recorded twice.
 */
import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { describeEachEngine, graduatesCsv, issueCsv, startChain, startService, waitForState, type Chain, type Service } from "./harness";

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const MISCONDUCT = "Degree rescinded after a misconduct hearing";
const STOLEN_KEY = "Anchored with a stolen key";

describeEachEngine("issuer service: council revocations", function () {
  this.timeout(240_000);
  let chain: Chain;
  let service: Service;
  let key: string;
  let first: { id: string; root: string };
  let second: { id: string; root: string };

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "council");
    key = service.keys.harbour;
    first = await issueCsv(service.app, key, graduatesCsv("CRC", 4));
    second = await issueCsv(service.app, key, graduatesCsv("CRB", 3));
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  const api = () => request(service.app);
  const credentialsOf = async (batchId: string) =>
    (await api().get(`/api/v1/credentials?batch=${batchId}&limit=200`).set(auth(key)).expect(200)).body.items as { id: string; studentId: string; status: string }[];
  const credential = async (id: string) => (await api().get(`/api/v1/credentials/${id}`).set(auth(key)).expect(200)).body;
  const revokedState = (id: string) => waitForState(() => credential(id), ["revoked"]);
  const councilAudit = async (action: string, target: string) =>
    (await service.ctx.db.selectFrom("audit_log").select("id").where("action", "=", action).where("target", "=", target).where("key_id", "=", "council").execute()).length;
  /** The council revokes one credential, from its file as the service released it (threshold 1: executed at once). */
  const councilRevokes = async (id: string, reason: string) => {
    const file = join(chain.dir, `${id.replace(/\W/g, "_")}.json`);
    writeFileSync(file, JSON.stringify((await credential(id)).credential));
    await runCliOrThrow(["governance", "propose", "revoke-credential", file, "--reason", reason, "--reason-code", "academic-misconduct"], chain.env);
  };
  const issuerOf = async (batchId: string) => ((await credential((await credentialsOf(batchId))[0]!.id)).credential as { proof: { issuer: string } }).proof.issuer;

  it("records the council's revocation of one credential: revoked in GET /credentials and in its history, by the council, with the chain's reason", async () => {
    const [target, untouched] = await credentialsOf(first.id);
    await councilRevokes(target!.id, MISCONDUCT);
    const view = await revokedState(target!.id);
    expect(view.status).to.include({ revoked: true, reason: MISCONDUCT });
    const revoked = (view.history as { event: string }[]).filter((event) => event.event === "revoked");
    expect(revoked).to.have.length(1);
    expect(revoked[0]).to.include({ by: "council", reason: MISCONDUCT, reasonCode: "academic-misconduct" });
    expect(revoked[0]).to.have.property("transaction").that.matches(/^0x[0-9a-f]{64}$/);
    const listed = await api().get(`/api/v1/credentials?batch=${first.id}&status=revoked`).set(auth(key)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).to.deep.equal([target!.id]);
    expect((await credential(untouched!.id)).state).to.equal("valid");
  });

  it("refuses a correction of the council-revoked credential; only reissue-after-revocation brings the graduate back", async () => {
    const revoked = (await credentialsOf(first.id)).find((item) => item.status === "revoked")!;
    expect((await api().post(`/api/v1/credentials/${revoked.id}/reissue`).set(auth(key)).send({ nameEn: "New Name" }).expect(409)).body.error.code).to.equal("ALREADY_REVOKED");
    const reissued = await api().post(`/api/v1/credentials/${revoked.id}/reissue-after-revocation`).set(auth(key)).send({ reason: "Appeal upheld by Senate" }).expect(202);
    expect(reissued.body.mode).to.equal("reissueAfterRevocation");
  });

  it("reading the chain again records nothing twice: more worker rounds, and a cursor deleted so everything is re-read", async () => {
    const revoked = (await credentialsOf(first.id)).find((item) => item.status === "revoked")!;
    await service.worker.runOnce();
    await service.ctx.db.deleteFrom("chain_cursors").execute();
    await service.worker.runOnce();
    expect(await councilAudit("credential.revoke", revoked.id)).to.equal(1);
    const history = (await credential(revoked.id)).history as { event: string }[];
    expect(history.filter((event) => event.event === "revoked")).to.have.length(1);
  });

  it("does not record the service's own revocation a second time as the council's", async () => {
    const own = (await credentialsOf(first.id)).find((item) => item.status === "valid")!;
    await api().post(`/api/v1/credentials/${own.id}/revoke`).set(auth(key)).send({ reason: "Issued in error", reasonCode: "issued-in-error" }).expect(200);
    await service.worker.runOnce();
    expect(await councilAudit("credential.revoke", own.id)).to.equal(0);
    const revoked = ((await credential(own.id)).history as { event: string; by: string }[]).filter((event) => event.event === "revoked");
    expect(revoked).to.have.length(1);
    expect(revoked[0]!.by).to.not.equal("council");
  });

  it("learns of a whole batch the council revoked while the service was stopped, once it runs again", async () => {
    const issuer = await issuerOf(second.id);
    await service.stop();
    await runCliOrThrow(["governance", "propose", "revoke-batch", issuer, second.root, "--reason", STOLEN_KEY], chain.env);
    service = await startService(chain, "council");
    key = service.keys.harbour;
    const batch = await waitForState(async () => {
      const body = (await api().get(`/api/v1/batches/${second.id}`).set(auth(key))).body;
      return { ...body, state: body.revoked === null ? "not revoked" : "revoked" };
    }, ["revoked"]);
    expect(batch.revoked).to.have.property("reason", STOLEN_KEY);
    for (const item of await credentialsOf(second.id)) {
      const view = await credential(item.id);
      expect(view.state, item.studentId).to.equal("revoked");
      expect(view.status.reason).to.equal(STOLEN_KEY);
      expect((view.history as { event: string; by: string }[]).filter((event) => event.event === "revoked").map((event) => event.by)).to.deep.equal(["council"]);
    }
    await service.worker.runOnce();
    expect(await councilAudit("batch.revoke", second.id)).to.equal(1);
  });

  it("rewinds when the blocks it read are no longer the chain's, and then sees a revocation made in their place", async () => {
    const target = (await credentialsOf(first.id)).find((item) => item.status === "valid")!;
    const snapshot = await chain.provider.send("evm_snapshot", []);
    for (let i = 0; i < 5; i++) await chain.provider.send("evm_mine", []);
    const head = await chain.provider.getBlockNumber();
    // The worker has read past the blocks that are about to disappear.
    await waitForState(async () => {
      const cursor = await service.ctx.db.selectFrom("chain_cursors").select("next_block").executeTakeFirst();
      return { state: Number(cursor?.next_block ?? 0) > head ? "past" : "behind" };
    }, ["past"]);
    await chain.provider.send("evm_revert", [snapshot]);
    await councilRevokes(target.id, MISCONDUCT);
    expect(await chain.provider.getBlockNumber()).to.be.lessThan(head);
    await revokedState(target.id);
    expect(service.logs.some((entry) => entry.event === "council.rewind")).to.equal(true);
  });
});
