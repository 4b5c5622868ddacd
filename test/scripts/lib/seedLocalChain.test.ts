import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TranscriptCredential } from "../../../core/src/kinds/TranscriptCredential";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";
import { runCli } from "../../../scripts/lib/runCli";
import { sampleClaimCode } from "../../../scripts/lib/sampleClaimCode";
import type { GraduateRecord } from "../../../core/src/GraduateRecord";
import { seedLocalChain, type Seeded } from "../../../scripts/lib/seedLocalChain";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";
import { graduateRowOfRecord, REQUIRED_COLUMNS } from "../../../core/src/graduateColumns";
import { createConfig } from "../../../issuer-service/config";
import { importBatch } from "../../../issuer-service/domain/importBatch";
import { createServiceContext } from "../../../issuer-service/ServiceContext";
import { startIssuerService } from "../../../issuer-service/server";

describe("seedLocalChain (npm start's seed, in process)", function () {
  this.timeout(300_000);
  let chain: LocalChain;
  let dir: string;
  let seeded: Seeded;
  const lines: string[] = [];

  before(async () => {
    chain = await startLocalChain(await freePort());
    dir = mkdtempSync(join(tmpdir(), "credanchor-seed-"));
    seeded = await seedLocalChain(chain.url, {
      deploymentFile: join(dir, "31337.json"),
      credentialsDir: join(dir, "credentials"),
      contentDir: join(dir, "content"),
      log: (line) => lines.push(line),
    });
  });
  after(async () => {
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("accredits every seed university and writes its awards, transcripts and letters in its own folder", () => {
    expect(seeded.universities).to.have.length(8);
    const folders = readdirSync(join(dir, "credentials")).sort();
    expect(folders).to.deep.equal(seeded.universities.map((university) => university.id).sort());
    const files = folders.flatMap((folder) => readdirSync(join(dir, "credentials", folder)));
    const transcripts = files.filter((name) => name.endsWith("-transcript.json"));
    const letters = files.filter((name) => /-(proof-of-graduation|proof-of-enrolment|medium-of-instruction|ranking)\.json$/.test(name));
    expect(transcripts).to.have.length(seeded.counts.transcript).and.length.at.least(8 * 4);
    expect(letters).to.have.length(seeded.counts.letter).and.length.at.least(8 * 4);
    expect(files.length - transcripts.length - letters.length).to.equal(seeded.counts.award);
    expect(lines).to.include(`Accredited 8 universities.`);
    const { award, transcript, letter } = seeded.counts;
    expect(lines.some((line) => line.startsWith(`Issued ${award + transcript + letter} credentials (${award} awards, ${transcript} transcripts, ${letter} letters) in `))).to.equal(true);
    // Three batch manifests per university, and each university's grading scale.
    expect(readdirSync(join(dir, "content"))).to.have.length(8 * 3 + 8);
  });

  it("issues credentials of every kind that the CLI verifies VALID against the chain it seeded", async () => {
    const files = [...seeded.kindSamples.award, ...seeded.kindSamples.transcript, ...seeded.kindSamples.letter];
    expect(seeded.samples).to.deep.equal(seeded.kindSamples.award);
    const result = await runCli(["verify", ...files, "--json", "--rpc", chain.url, "--deployment", join(dir, "31337.json")]);
    expect(result.code, result.stderr).to.equal(0);
    const reports = JSON.parse(result.stdout) as VerificationReport[];
    expect(reports).to.have.length(24);
    expect(reports.map((report) => report.status)).to.deep.equal(Array(24).fill("VALID"));
    expect(reports.map((report) => report.credential?.kind)).to.deep.equal([...Array(8).fill("award"), ...Array(8).fill("transcript"), ...Array(8).fill("letter")]);
    expect(new Set(reports.map((report) => report.credential?.issuerName?.en))).to.deep.equal(new Set(seeded.universities.map((u) => u.nameEn)));
  });

  it("links a graduate's transcript to the award issued to the same student, and publishes the scale it names", () => {
    const harbour = join(dir, "credentials", "harbour");
    const transcript = JSON.parse(readFileSync(seeded.kindSamples.transcript[0]!, "utf8")) as TranscriptCredential;
    const subject = transcript.credentialSubject;
    const award = JSON.parse(readFileSync(join(harbour, `${subject.studentId}.json`), "utf8")) as { id: string };
    expect(subject.degreeCredential).to.equal(award.id);
    expect(subject.hideable).to.deep.equal(["dateOfBirth", "gpa", "marks"]);
    expect(existsSync(join(dir, "content", subject.gradingScale.cid))).to.equal(true);
    // Plover Cove's transcripts are of current students: in progress, with no award to link.
    const current = seeded.kindSamples.transcript.find((file) => file.includes("plovercove"))!;
    const inProgress = (JSON.parse(readFileSync(current, "utf8")) as TranscriptCredential).credentialSubject;
    expect(inProgress.status).to.equal("in-progress");
    expect(inProgress.degreeCredential).to.equal(undefined);
  });

  it("hands its batches of every kind to the issuer service, which lists them as imported, tracks their graduates and refuses a forged one", async () => {
    const [first] = seeded.batches;
    const university = seeded.universities.find((u) => u.id === first!.universityId)!;
    const imports = seeded.batches.filter((batch) => batch.universityId === university.id);
    expect(imports.map((batch) => batch.kind?.kind)).to.deep.equal(["award", "transcript", "letter"]);
    const service = await startIssuerService({
      config: { port: 0, rpcUrl: chain.url, deploymentPath: join(dir, "31337.json"), databasePath: join(dir, "service.sqlite"), keyDir: join(dir, "keys"), contentDir: join(dir, "content") },
      universities: [{ id: university.id, privateKey: DEV_PRIVATE_KEYS[university.devAccount] as string }],
      apiKeysFile: join(dir, "api-keys.json"),
      imports,
      log: () => undefined,
    });
    try {
      const headers = { authorization: `Bearer ${service.apiKeys[university.id]}` };
      type Listed = { items: { label: string; kind: string; source: string; state: string; counts: { valid: number } }[] };
      const batches = (await (await fetch(`${service.url}/api/v1/batches`, { headers })).json()) as Listed;
      expect(batches.items.map((batch) => batch.kind).sort()).to.deep.equal(["award", "letter", "transcript"]);
      for (const batch of imports) {
        const listed = (await (await fetch(`${service.url}/api/v1/batches?kind=${batch.kind!.kind}`, { headers })).json()) as Listed;
        expect(listed.items).to.have.length(1);
        expect(listed.items[0]).to.deep.include({ label: batch.label, source: "import", state: "published" });
        expect(listed.items[0]!.counts.valid).to.equal(batch.records.length);
      }
      // The transcript's student holds an award, a transcript and a letter, each valid.
      const studentId = imports[1]!.records[0]!.studentId;
      const found = (await (await fetch(`${service.url}/api/v1/credentials?q=${encodeURIComponent(studentId)}`, { headers })).json()) as { items: { status: string; kind: string }[] };
      expect(found.items.map((c) => `${c.kind} ${c.status}`).sort()).to.deep.equal(["award valid", "letter valid", "transcript valid"]);
      const claim = await sampleClaimCode(service.url, service.apiKeys[university.id]!);
      expect(claim?.code).to.be.a("string");
      const again = await fetch(`${service.url}/api/v1/batches`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify([{ ...Object.fromEntries(REQUIRED_COLUMNS.map((column) => [column, ""])), ...graduateRowOfRecord(first!.records[0] as GraduateRecord) }]) });
      expect(again.status).to.equal(422);
      expect(((await again.json()) as { errors: { code: string }[] }).errors[0]!.code).to.equal("ALREADY_HOLDS");
    } finally {
      await service.close();
    }
    // A batch that is not on chain as described (here: another manifest) is refused and nothing is stored.
    const config = createConfig({ rpcUrl: chain.url, deploymentPath: join(dir, "31337.json"), databasePath: join(dir, "forged.sqlite"), keyDir: join(dir, "keys"), contentDir: join(dir, "content") });
    const ctx = await createServiceContext(config, { log: () => undefined });
    try {
      const forged = { ...imports[0]!, manifestCid: "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG" };
      const refused = await importBatch(ctx, forged).then(() => null, (error: unknown) => error);
      expect((refused as { code?: string } | null)?.code).to.equal("IMPORT_NOT_ON_CHAIN");
      expect(await ctx.db.selectFrom("batches").select("id").execute()).to.deep.equal([]);
    } finally {
      await ctx.close();
    }
  });
});

