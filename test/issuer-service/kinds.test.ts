import { expect } from "chai";
import { join } from "node:path";
import * as fs from "node:fs";
import { JsonRpcProvider, Wallet } from "ethers";
import request from "supertest";
import { createChainWriter, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { buildKindCredential, createDirectoryStore, type IssueKind, issueCredentials, LetterTemplate, parseKindFile } from "@credanchor/core/issue";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { Deployment } from "../../core/src/Deployment";
import { GradingScale, gradingScaleCid } from "../../core/src/kinds/GradingScale";
import { verifyCredential } from "../../core/src/verifyCredential";
import { describeEachEngine, downloadZip, startChain, startService, UNIVERSITIES, waitForState, type Chain, type Service } from "./harness";

const FIXTURES = join(__dirname, "..", "core", "fixtures", "kinds");
const fixture = (name: string) => fs.readFileSync(join(FIXTURES, name), "utf8");
const SCALE = fixture("grading-scale.json");
const TEMPLATE = fixture("letter-template.json");
const TRANSCRIPTS = fixture("transcripts.csv");
const LETTERS = fixture("letters.csv");
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** Issue 15 item 1: transcripts and letters through `POST /api/v1/batches`, and their lifecycle, on both engines. */
describeEachEngine("issuer service: credential kinds (SPEC §12)", function () {
  this.timeout(240_000);
  let chain: Chain;
  let service: Service;
  let provider: JsonRpcProvider;
  let deployment: Deployment;

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "kinds");
    deployment = Deployment.parse(JSON.parse(fs.readFileSync(chain.deploymentPath, "utf8")));
    provider = new JsonRpcProvider(chain.chain.url, undefined, { staticNetwork: true });
  });
  after(async () => {
    provider?.destroy();
    await service?.stop();
    await chain?.stop();
  });

  /** An upload of `kind` as multipart/form-data: the file, and the scale or template its kind needs. */
  const upload = (kind: string, parts: { file: string; fileName: string; scale?: string; template?: string; hideable?: string }, query = "") => {
    const req = request(service.app).post(`/api/v1/batches?kind=${kind}${query}`).set(auth(service.keys.harbour));
    req.attach("file", Buffer.from(parts.file), { filename: parts.fileName, contentType: parts.fileName.endsWith(".json") ? "application/json" : "text/csv" });
    if (parts.scale !== undefined) req.attach("scale", Buffer.from(parts.scale), { filename: "scale.json", contentType: "application/json" });
    if (parts.template !== undefined) req.attach("template", Buffer.from(parts.template), { filename: "template.json", contentType: "application/json" });
    if (parts.hideable !== undefined) req.field("hideable", parts.hideable);
    return req;
  };
  const published = async (id: string) => {
    const done = await waitForState(async () => (await request(service.app).get(`/api/v1/batches/${id}`).set(auth(service.keys.harbour)).expect(200)).body, ["published", "failed"]);
    expect(done.state, JSON.stringify(done)).to.equal("published");
    return done;
  };
  const verify = async (credential: unknown) => verifyCredential(JSON.stringify(credential), { reader: createChainReader(provider, deployment), deployment });
  const credentialFiles = (files: Record<string, Uint8Array>) =>
    Object.entries(files)
      .filter(([name]) => !name.startsWith("batch-"))
      .map(([name, bytes]) => ({ name, credential: JSON.parse(new TextDecoder().decode(bytes)) as { id: string; type: string[]; credentialSubject: Record<string, unknown> } }));

  let transcriptBatch: string;
  let letterBatch: string;

  it("issues a transcript batch from a CSV of courses and the grading scale, published once under its CID; each transcript verifies VALID", async () => {
    const preview = await upload("transcript", { file: TRANSCRIPTS, fileName: "courses.csv", scale: SCALE }, "&dryRun=true").expect(200);
    expect(preview.body).to.include({ dryRun: true, kind: "transcript", count: 2 });
    expect(preview.body.preview[0]).to.include({ studentId: "HU2026001" });
    expect(preview.body.preview[0].terms).to.have.length.above(1);

    const created = await upload("transcript", { file: TRANSCRIPTS, fileName: "courses.csv", scale: SCALE, hideable: "gpa,marks" }, "&label=Transcripts%202026").expect(202);
    expect(created.body).to.include({ kind: "transcript", state: "validated", label: "Transcripts 2026" });
    transcriptBatch = created.body.id;
    await published(transcriptBatch);

    const cid = gradingScaleCid(GradingScale.parse(JSON.parse(SCALE)));
    const stored = await service.ctx.db.selectFrom("content").select("bytes").where("cid", "=", cid).executeTakeFirstOrThrow();
    expect(GradingScale.parse(JSON.parse(new TextDecoder().decode(stored.bytes)))).to.deep.equal(JSON.parse(SCALE));

    const files = await downloadZip(service.app, service.keys.harbour, transcriptBatch);
    const credentials = credentialFiles(files);
    expect(credentials.map(({ name }) => name).sort()).to.deep.equal(["HU2026001-transcript.json", "HU2026002-transcript.json"]);
    const report = JSON.parse(new TextDecoder().decode(Object.entries(files).find(([name]) => /^batch-[0-9a-f]{12}\.json$/.test(name))![1])) as { kind: string };
    expect(report.kind).to.equal("transcript");
    for (const { credential } of credentials) {
      expect(credential.type[2]).to.equal("TranscriptCredential");
      expect(credential.credentialSubject.gradingScale).to.deep.equal({ id: "HU-4.3-2020", cid });
      expect(credential.credentialSubject.hideable).to.deep.equal(["gpa", "marks"]);
      const verdict = await verify(credential);
      expect(verdict.status, JSON.stringify(verdict.checks)).to.equal("VALID");
      expect(verdict.credential?.kind).to.equal("transcript");
    }
  });

  it("issues a letter batch from a template and a CSV of its fields; each letter verifies VALID", async () => {
    const created = await upload("letter", { file: LETTERS, fileName: "letters.csv", template: TEMPLATE }).expect(202);
    expect(created.body.kind).to.equal("letter");
    letterBatch = created.body.id;
    await published(letterBatch);
    const credentials = credentialFiles(await downloadZip(service.app, service.keys.harbour, letterBatch));
    expect(credentials.map(({ name }) => name).sort()).to.deep.equal(["HU2026001-proof-of-graduation.json", "HU2026003-proof-of-graduation.json"]);
    for (const { credential } of credentials) {
      const verdict = await verify(credential);
      expect(verdict.status, JSON.stringify(verdict.checks)).to.equal("VALID");
      expect(verdict.credential?.kind).to.equal("letter");
    }
  });

  it("lists batches and credentials by kind, each showing its kind and a kind's title", async () => {
    const batches = async (kind?: string) =>
      (await request(service.app).get(`/api/v1/batches${kind === undefined ? "" : `?kind=${kind}`}`).set(auth(service.keys.harbour)).expect(200)).body.items as { id: string; kind: string }[];
    expect((await batches("transcript")).map((b) => b.id)).to.deep.equal([transcriptBatch]);
    expect((await batches("letter")).map((b) => b.id)).to.deep.equal([letterBatch]);
    expect(await batches("award")).to.deep.equal([]);
    expect((await batches()).map((b) => b.kind)).to.deep.equal(["letter", "transcript"]);
    await request(service.app).get("/api/v1/batches?kind=diploma").set(auth(service.keys.harbour)).expect(400);

    const credentials = async (kind: string) =>
      (await request(service.app).get(`/api/v1/credentials?kind=${kind}`).set(auth(service.keys.harbour)).expect(200)).body as { items: Record<string, unknown>[]; total: number };
    const transcripts = await credentials("transcript");
    expect(transcripts.total).to.equal(2);
    expect(transcripts.items.find((item) => item.studentId === "HU2026001")).to.deep.include({
      kind: "transcript",
      nameEn: "Chan Tai Man",
      title: { en: "Bachelor of Science in Chemistry", "zh-Hant": "化學理學士" },
      date: "2026-06-30",
    });
    const letters = await credentials("letter");
    expect(letters.items.map((item) => item.title)).to.deep.equal([
      { en: "Certification of Graduation", "zh-Hant": "畢業證明書" },
      { en: "Certification of Graduation", "zh-Hant": "畢業證明書" },
    ]);
    expect((await credentials("award")).total).to.equal(0);
    const one = await request(service.app).get(`/api/v1/credentials/${encodeURIComponent(letters.items[0]!.id as string)}`).set(auth(service.keys.harbour)).expect(200);
    expect(one.body.kind).to.equal("letter");
  });

  it("refuses each kind's missing or invalid parts and bad rows, in both languages, storing nothing", async () => {
    const before = (await service.ctx.db.selectFrom("batches").select("id").execute()).length;
    const noParts = await request(service.app).post("/api/v1/batches?kind=transcript").set(auth(service.keys.harbour)).set("content-type", "text/csv").send(TRANSCRIPTS).expect(400);
    expect(noParts.body.error.code).to.equal("KIND_PARTS_MISSING");
    expect(noParts.body.error.message).to.deep.equal({
      en: "Transcript batches are uploaded as multipart/form-data with the parts file, scale.",
      "zh-Hant": "成績單批次須以 multipart/form-data 格式上載，並包含以下部分：file, scale。",
    });
    expect((await upload("letter", { file: LETTERS, fileName: "letters.csv" }).expect(400)).body.error.code).to.equal("KIND_PARTS_MISSING");

    const badScale = await upload("transcript", { file: TRANSCRIPTS, fileName: "courses.csv", scale: SCALE.replace('"maxGpa": 4.3', '"maxGpa": -1') }).expect(422);
    expect(badScale.body.errors).to.have.length(1);
    expect(badScale.body.errors[0]).to.include({ row: 0, field: "scale", code: "SCALE_INVALID" });
    expect(badScale.body.errors[0].message.en).to.match(/^The grading scale is not valid \(maxGpa: /);
    expect(badScale.body.errors[0].message["zh-Hant"]).to.match(/^評分標準無效（maxGpa: /);
    const badTemplate = await upload("letter", { file: LETTERS, fileName: "letters.csv", template: "{" }).expect(422);
    expect(badTemplate.body.errors[0]).to.include({ row: 0, field: "template", code: "TEMPLATE_INVALID" });
    const badHideable = await upload("transcript", { file: TRANSCRIPTS, fileName: "courses.csv", scale: SCALE, hideable: "gpa,courses" }).expect(400);
    expect(badHideable.body.error.fields).to.deep.equal([{ field: "body.hideable", message: "unknown section courses; allowed: dateOfBirth, gpa, marks" }]);

    const badRows = await upload("transcript", { file: TRANSCRIPTS.replace(",A-,,82", ",A++,,82"), fileName: "courses.csv", scale: SCALE }).expect(422);
    expect(badRows.body.error.code).to.equal("INVALID_ROWS");
    expect(badRows.body.errors[0]).to.include({ row: 2, field: "grade", code: "UNKNOWN_GRADE" });
    expect(badRows.body.errors[0].message.en).to.match(/^grade "A\+\+" is not a grade of the grading scale HU-4\.3-2020\. Write a grade/);
    expect(badRows.body.errors[0].message["zh-Hant"]).to.match(/^grade「A\+\+」並非評級制度 HU-4\.3-2020 的等級。請按評級制度/);
    const missingField = await upload("letter", { file: LETTERS.replace(",2026-06-30\nHU2026003", ",\nHU2026003"), fileName: "letters.csv", template: TEMPLATE }).expect(422);
    expect(missingField.body.errors[0]).to.include({ row: 2, field: "graduation_date", code: "REQUIRED" });
    expect((await service.ctx.db.selectFrom("batches").select("id").execute()).length).to.equal(before);
  });

  it("revokes a transcript and reissues it after the revocation: the new transcript verifies VALID, the old one REVOKED", async () => {
    const list = await request(service.app).get(`/api/v1/credentials?batch=${transcriptBatch}`).set(auth(service.keys.harbour)).expect(200);
    const id = (list.body.items as { id: string; studentId: string }[]).find((item) => item.studentId === "HU2026002")!.id;
    const corrected = await request(service.app).post(`/api/v1/credentials/${id}/reissue`).set(auth(service.keys.harbour)).send({ nameEn: "Wong Siu-ling" }).expect(400);
    expect(corrected.body.error.fields[0].field).to.equal("body.nameEn");

    await request(service.app).post(`/api/v1/credentials/${id}/revoke`).set(auth(service.keys.harbour)).send({ reason: "Issued in error" }).expect(200);
    const reissued = await request(service.app).post(`/api/v1/credentials/${id}/reissue-after-revocation`).set(auth(service.keys.harbour)).send({ reason: "Revoked in error" }).expect(202);
    expect(reissued.body).to.include({ kind: "transcript", mode: "reissueAfterRevocation", supersedes: id });
    await published(reissued.body.id);

    const fresh = (await request(service.app).get(`/api/v1/credentials?batch=${reissued.body.id}`).set(auth(service.keys.harbour)).expect(200)).body.items as { id: string }[];
    expect(fresh).to.have.length(1);
    const view = await request(service.app).get(`/api/v1/credentials/${encodeURIComponent(fresh[0]!.id)}`).set(auth(service.keys.harbour)).expect(200);
    expect(view.body.kind).to.equal("transcript");
    const verdict = await verify(view.body.credential);
    expect(verdict.status, JSON.stringify(verdict.checks)).to.equal("VALID");
    const old = await request(service.app).get(`/api/v1/credentials/${encodeURIComponent(id)}`).set(auth(service.keys.harbour)).expect(200);
    const revoked = await verify(old.body.credential);
    expect(revoked.checks.find((check) => check.check === "STATUS")?.code).to.equal("STATUS_REVOKED");

    // The reissue names the same grading scale: still one stored copy of it.
    const cid = gradingScaleCid(GradingScale.parse(JSON.parse(SCALE)));
    expect((view.body.credential as { credentialSubject: { gradingScale: { cid: string } } }).credentialSubject.gradingScale.cid).to.equal(cid);
    expect(await service.ctx.db.selectFrom("content").select("cid").where("cid", "=", cid).execute()).to.have.length(1);
  });

  it("keeps one lifecycle per kind: a student's transcript and letter do not collide, a second transcript is refused", async () => {
    const again = await upload("transcript", { file: TRANSCRIPTS, fileName: "courses.csv", scale: SCALE }).expect(422);
    expect(again.body.errors.map((error: { code: string }) => error.code)).to.include("ALREADY_HOLDS");
    const holdings = await service.ctx.db.selectFrom("holdings").select(["kind", "state"]).where("student_id", "=", "HU2026001").orderBy("kind").execute();
    expect(holdings).to.deep.equal([
      { kind: "letter", state: "valid" },
      { kind: "transcript", state: "valid" },
    ]);
  });

  /** Lion Rock's batch of `kind` from `file`, built and anchored through core as `credanchor issue --kind` does. */
  const issueOutsideTheService = async (kind: IssueKind, file: string) => {
    // A provider of its own each time: one kept across two batches may hand the second the first one's nonce.
    const own = new JsonRpcProvider(chain.chain.url, undefined, { staticNetwork: true });
    try {
      const signer = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.lionrock.devAccount] as string, own);
      const issuer = { id: signer.address, chainId: deployment.chainId, nameEn: UNIVERSITIES.lionrock.nameEn, nameZh: UNIVERSITIES.lionrock.nameZh, domain: UNIVERSITIES.lionrock.domain };
      const { records } = parseKindFile(file, "csv", kind);
      const { batch } = await issueCredentials(records.map((record) => buildKindCredential(record, issuer, kind)), {
        issuer,
        anchor: deployment.anchor,
        signer,
        writer: createChainWriter(signer, deployment),
        store: createDirectoryStore(join(chain.dir, "lionrock-cli-content"), fs),
      });
      return batch.credentials;
    } finally {
      own.destroy();
    }
  };
  const importing = (body: object) => request(service.app).post("/api/v1/batches/import").set(auth(service.keys.lionrock)).send(body);

  it("imports transcript and letter batches issued with credanchor issue --kind: their kind, template and scale are read back", async () => {
    const scale = GradingScale.parse(JSON.parse(SCALE));
    const transcripts = await issueOutsideTheService({ kind: "transcript", scale, hideable: ["dateOfBirth", "gpa", "marks"] }, TRANSCRIPTS);
    const imported = await importing({ label: "Transcripts (CLI)", credentials: transcripts }).expect(201);
    expect(imported.body).to.include({ kind: "transcript", source: "import", state: "published" });
    const template = LetterTemplate.parse(JSON.parse(TEMPLATE));
    const letters = await issueOutsideTheService({ kind: "letter", template }, LETTERS);
    const importedLetters = await importing({ label: "Letters (CLI)", credentials: letters }).expect(201);
    expect(importedLetters.body.kind).to.equal("letter");

    // Downloaded again, the files are named as the CLI names them: the template came back from the letters.
    const files = credentialFiles(await downloadZip(service.app, service.keys.lionrock, importedLetters.body.id));
    expect(files.map(({ name }) => name).sort()).to.deep.equal(["HU2026001-proof-of-graduation.json", "HU2026003-proof-of-graduation.json"]);
    const listed = await request(service.app).get("/api/v1/credentials?kind=transcript").set(auth(service.keys.lionrock)).expect(200);
    expect(listed.body.total).to.equal(2);

    // Letters and transcripts of one import are one kind, and a transcript batch needs its scale to be known here.
    const mixed = [...letters, ...transcripts];
    expect((await importing({ label: "mixed", credentials: mixed }).expect(400)).body.error.fields[0].field).to.match(/^body\.credentials\[\d+\]$/);
  });
});
