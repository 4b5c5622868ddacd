/**
 * A batch issued outside the service (as `credanchor issue` does, through core's issueBatch) is taken in from its
 * credential files: listed with source "import", its graduates tracked by the lifecycle; anything that is not the
 * whole batch as anchored under the university's issuer is refused and nothing is stored.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import { join } from "node:path";
import { JsonRpcProvider, Wallet } from "ethers";
import request from "supertest";
import { createChainWriter, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { createDirectoryStore, issueBatch, parseGraduateFile } from "@credanchor/core/issue";
import { Deployment } from "@credanchor/core/protocol";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { deployWithRetry, describeEachEngine, graduatesCsv, startChain, startService, UNIVERSITIES, type Chain, type Service } from "./harness";

/** Harbour's batch of `count` graduates issued and anchored through core, as `credanchor issue` does, on the chain's current deployment. */
async function issueOutsideTheService(chain: Chain, prefix: string, count: number): Promise<Record<string, unknown>[]> {
  const provider = new JsonRpcProvider(chain.chain.url, undefined, { staticNetwork: true });
  try {
    const signer = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.harbour.devAccount] as string, provider);
    const deployment = Deployment.parse(JSON.parse(fs.readFileSync(chain.deploymentPath, "utf8")));
    const { records } = parseGraduateFile(graduatesCsv(prefix, count), "csv");
    const { batch } = await issueBatch(records, {
      issuer: { id: signer.address, chainId: deployment.chainId, nameEn: UNIVERSITIES.harbour.nameEn, nameZh: UNIVERSITIES.harbour.nameZh, domain: UNIVERSITIES.harbour.domain },
      anchor: deployment.anchor,
      signer,
      writer: createChainWriter(signer, deployment),
      store: createDirectoryStore(join(chain.dir, `${prefix}-cli-content`), fs),
    });
    return batch.credentials as unknown as Record<string, unknown>[];
  } finally {
    provider.destroy();
  }
}

describeEachEngine("issuer service: importing a batch issued elsewhere", function () {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  let credentials: Record<string, unknown>[];
  const auth = () => ({ authorization: `Bearer ${service.keys.harbour}` });

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "import", { worker: false });
    credentials = await issueOutsideTheService(chain, "IMP", 4);
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  const send = (body: unknown) => request(service.app).post("/api/v1/batches/import").set(auth()).send(body as object);
  const batchCount = async () => (await service.ctx.db.selectFrom("batches").select("id").execute()).length;

  it("refuses a partial batch, an altered credential and another body, storing nothing", async () => {
    expect((await send({ label: "part", credentials: credentials.slice(0, 3) }).expect(400)).body.error.fields[0].message).to.contain("4 credentials");
    const altered = structuredClone(credentials);
    (altered[1]!.credentialSubject as { name: { en: string } }).name.en = "Someone Else";
    expect((await send({ label: "altered", credentials: altered }).expect(400)).body.error.fields[0].field).to.equal("body.credentials[1]");
    await send({ label: "x", credentials: [], extra: 1 }).expect(400);
    expect(await batchCount()).to.equal(0);
  });

  it("takes the whole batch in, in any file order: published, labelled, source import, every graduate valid and searchable", async () => {
    const imported = await send({ label: "CLI batch 2026", credentials: [...credentials].reverse() }).expect(201);
    expect(imported.body).to.deep.include({ state: "published", label: "CLI batch 2026", source: "import" });
    expect(imported.body.counts).to.deep.equal({ credentials: 4, valid: 4, revoked: 0, superseded: 0, pending: 0 });
    const found = await request(service.app).get("/api/v1/credentials?q=IMP000003").set(auth()).expect(200);
    expect(found.body.items[0]).to.include({ studentId: "IMP000003", nameZh: "測試畢業生3", status: "valid" });
  });

  it("refuses the same batch again: its graduates already hold these credentials", async () => {
    const again = await send({ label: "again", credentials }).expect(422);
    expect(again.body.errors.map((e: { code: string }) => e.code)).to.deep.equal(["ALREADY_HOLDS", "ALREADY_HOLDS", "ALREADY_HOLDS", "ALREADY_HOLDS"]);
  });

  it("refuses another university's batch: not anchored under this university's issuer", async () => {
    const other = await request(service.app).post("/api/v1/batches/import").set({ authorization: `Bearer ${service.keys.lionrock}` }).send({ label: "theirs", credentials }).expect(409);
    expect(other.body.error.code).to.equal("IMPORT_NOT_ON_CHAIN");
  });
});

describeEachEngine("issuer service: importing a batch anchored on an earlier deployment", function () {
  this.timeout(180_000);
  let chain: Chain;
  let listed: Service;
  let unlisted: Service;
  let credentials: Record<string, unknown>[];
  const importInto = (service: Service) =>
    request(service.app).post("/api/v1/batches/import").set({ authorization: `Bearer ${service.keys.harbour}` }).send({ label: "before redeploy", credentials });

  before(async () => {
    chain = await startChain();
    credentials = await issueOutsideTheService(chain, "OLD", 3);
    // The consortium redeploys (`deploy --force` keeps the old contracts under history) and accredits Harbour anew.
    await deployWithRetry(chain.env, "--force");
    const harbour = UNIVERSITIES.harbour;
    const address = new Wallet(DEV_PRIVATE_KEYS[harbour.devAccount] as string).address;
    await runCliOrThrow(["accredit", address, "--name-en", harbour.nameEn, "--name-zh", harbour.nameZh, "--domain", harbour.domain], chain.env);
    const withoutHistory = join(chain.dir, "without-history.json");
    fs.writeFileSync(withoutHistory, JSON.stringify({ ...JSON.parse(fs.readFileSync(chain.deploymentPath, "utf8")), history: [] }));
    listed = await startService(chain, "listed", { worker: false });
    unlisted = await startService(chain, "unlisted", { worker: false, config: { deploymentPath: withoutHistory } });
  });
  after(async () => {
    await listed?.stop();
    await unlisted?.stop();
    await chain?.stop();
  });

  it("takes in a batch anchored on a deployment its file still lists under history", async () => {
    expect(credentials[0]!.proof).to.have.property("anchor").that.is.not.equal(listed.ctx.chain.deployment.anchor);
    const imported = await importInto(listed).expect(201);
    expect(imported.body).to.deep.include({ state: "published", source: "import" });
    expect(imported.body.counts).to.deep.include({ credentials: 3, valid: 3 });
  });

  it("refuses the same batch when the deployment file no longer lists those contracts", async () => {
    const refused = await importInto(unlisted).expect(409);
    expect(refused.body.error.code).to.equal("IMPORT_NOT_ON_CHAIN");
  });
});
