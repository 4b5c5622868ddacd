import { expect } from "chai";
import { Wallet } from "ethers";
import { exportVc } from "../../core/src/exportVc";
import { AccreditationStatus, RevocationReason } from "../../core/src/chain/ChainReader";
import type { Credential } from "../../core/src/Credential";
import { VerificationReport } from "../../core/src/VerificationReport";
import { verifyCredential } from "../../core/src/verifyCredential";
import { ANCHOR, ANCHORED_AT, anchoredChain, DEPLOYMENT as deployment, ISSUER_KEY, issueBatch } from "./helpers/anchoredBatch";
import { batchKey, FakeChain, leafKey } from "./helpers/fakeChain";

const OTHER_KEY = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const NOW = new Date(1_800_000_000_000);

const text = (credential: unknown) => JSON.stringify(credential, null, 2);
const byCheck = (report: VerificationReport, name: string) => report.checks.find((c) => c.check === name);

describe("verifyCredential", () => {
  let credentials: Credential[];
  let credential: Credential;
  let chain: FakeChain;
  const verify = (input: string, at?: Date) =>
    verifyCredential(input, { reader: chain, deployment, now: () => NOW, ...(at ? { at } : {}) });

  before(async () => {
    credentials = await issueBatch();
  });

  beforeEach(() => {
    credential = structuredClone(credentials[1] as Credential);
    chain = anchoredChain(credentials[0] as Credential);
  });

  it("reports VALID with every check VALID for an untouched, anchored credential", async () => {
    const report = await verify(text(credential));
    expect(report.status).to.equal("VALID");
    expect(report.valid).to.equal(true);
    expect(report.checks.map((c) => `${c.check}:${c.status}`)).to.deep.equal(
      ["FORMAT", "INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"].map((c) => `${c}:VALID`),
    );
    expect(report.chain).to.deep.equal({ chainId: 31337, blockNumber: 100, blockHash: chain.block.hash, anchor: ANCHOR });
    expect(report.credential?.issuerName).to.deep.equal({ en: "Harbour University", "zh-Hant": "海港大學" });
  });

  it("produces a report that matches the published schema", async () => {
    const report = await verify(text(credential));
    expect(VerificationReport.parse(report)).to.deep.equal(report);
  });

  describe("FORMAT", () => {
    it("rejects text that is not JSON and skips everything else", async () => {
      const report = await verify("this is not json");
      expect(byCheck(report, "FORMAT")).to.include({ status: "INVALID", code: "FORMAT_INVALID_JSON" });
      expect(report.checks.slice(1).every((c) => c.status === "SKIPPED")).to.equal(true);
      expect(report.status).to.equal("INVALID");
      expect(report.credential).to.equal(null);
    });

    it("judges a file's bytes: a BOM, bytes that are not UTF-8 and more than 1 MiB are FORMAT_INVALID_JSON", async () => {
      const bytes = new TextEncoder().encode(text(credential));
      const fromBytes = (input: Uint8Array) => verifyCredential(input, { reader: chain, deployment, now: () => NOW });
      expect((await fromBytes(bytes)).status).to.equal("VALID");
      const padded = new Uint8Array(1024 * 1024 + 1).fill(0x20);
      padded.set(bytes);
      for (const input of [Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes), Uint8Array.of(...bytes.subarray(0, 9), 0xff, ...bytes.subarray(9)), padded]) {
        const report = await fromBytes(input);
        expect(byCheck(report, "FORMAT")).to.include({ status: "INVALID", code: "FORMAT_INVALID_JSON" });
        expect(report.status).to.equal("INVALID");
      }
    });

    it("rejects a duplicated key that JSON.parse would silently accept", async () => {
      const duplicated = text(credential).replace('"id":', '"id": "urn:uuid:00000000-0000-4000-8000-000000000000",\n  "id":');
      const report = await verify(duplicated);
      expect(byCheck(report, "FORMAT")).to.include({ status: "INVALID", code: "FORMAT_DUPLICATE_KEY" });
    });

    it("rejects an unknown member (mass assignment of claims)", async () => {
      const report = await verify(text({ ...credential, extra: "claim" }));
      expect(byCheck(report, "FORMAT")).to.include({ status: "INVALID", code: "FORMAT_SCHEMA" });
    });
  });

  describe("INTEGRITY", () => {
    it("fails when one character of a claim changes", async () => {
      credential.credentialSubject.name!.en = "Chan Tai Mao 1";
      const report = await verify(text(credential));
      expect(byCheck(report, "INTEGRITY")).to.include({ status: "INVALID", code: "INTEGRITY_ROOT_MISMATCH" });
      expect(byCheck(report, "STATUS")).to.include({ status: "SKIPPED" });
      expect(report.status).to.equal("INVALID");
    });

    it("fails when a claim is removed without being hidden", async () => {
      delete (credential.credentialSubject as { gpa?: number }).gpa;
      const report = await verify(text(credential));
      expect(byCheck(report, "INTEGRITY")).to.include({ status: "INVALID", code: "INTEGRITY_SALT_ORPHANED" });
    });

    it("fails when a proof element is dropped", async () => {
      credential.proof.merkleProof = credential.proof.merkleProof.slice(1);
      const report = await verify(text(credential));
      expect(byCheck(report, "INTEGRITY")).to.include({ status: "INVALID", code: "INTEGRITY_PROOF_SHAPE" });
    });

    it("fails when the proof of another credential of the batch is swapped in", async () => {
      credential.proof.merkleProof = (credentials[0] as Credential).proof.merkleProof;
      credential.proof.leafIndex = (credentials[0] as Credential).proof.leafIndex;
      const report = await verify(text(credential));
      expect(byCheck(report, "INTEGRITY")?.status).to.equal("INVALID");
    });
  });

  describe("SIGNATURE", () => {
    it("fails when the batch was signed by another key than the proof names", async () => {
      const forged = structuredClone((await issueBatch(3, OTHER_KEY))[0] as Credential);
      forged.proof.signer = ISSUER_KEY.address;
      const report = await verify(text(forged));
      expect(byCheck(report, "SIGNATURE")).to.include({ status: "INVALID", code: "SIGNATURE_SIGNER_MISMATCH" });
    });

    it("fails for a signature replayed under another contract", async () => {
      credential.proof.anchor = deployment.registry;
      const report = await verify(text(credential));
      expect(byCheck(report, "SIGNATURE")).to.include({ status: "INVALID", code: "SIGNATURE_SIGNER_MISMATCH" });
    });

    it("reports every malformed signature as SIGNATURE_MALFORMED, with FORMAT valid, whatever is wrong with it", async () => {
      for (const signature of [`0x${credential.proof.signature.slice(2).toUpperCase()}`, credential.proof.signature.slice(0, 100), "0x"]) {
        const report = await verify(text({ ...credential, proof: { ...credential.proof, signature } }));
        expect(byCheck(report, "FORMAT")?.status).to.equal("VALID");
        expect(byCheck(report, "SIGNATURE")).to.include({ status: "INVALID", code: "SIGNATURE_MALFORMED" });
      }
    });
  });

  describe("ANCHOR", () => {
    it("fails when the root was never anchored", async () => {
      chain.batches.clear();
      const report = await verify(text(credential));
      expect(byCheck(report, "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_NOT_FOUND" });
      expect(byCheck(report, "ISSUER")?.status).to.equal("SKIPPED");
    });

    it("fails against another deployment's contract", async () => {
      const report = await verifyCredential(text(credential), { reader: chain, deployment: { ...deployment, anchor: deployment.registry } });
      expect(byCheck(report, "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CONTRACT" });
    });

    it("fails when the RPC serves another chain", async () => {
      chain.chain = 1;
      const report = await verify(text(credential));
      expect(byCheck(report, "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CHAIN" });
    });

    it("fails when the anchored batch has another size", async () => {
      chain.batches.get(batchKey(credential.proof.issuer, credential.proof.merkleRoot))!.count = 99;
      const report = await verify(text(credential));
      expect(byCheck(report, "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_COUNT_MISMATCH" });
    });

    it("fails when checked at a moment before the anchoring", async () => {
      const report = await verify(text(credential), new Date((ANCHORED_AT - 10) * 1000));
      expect(byCheck(report, "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_NOT_YET" });
    });
  });

  describe("ISSUER", () => {
    it("fails when the issuer was suspended before the batch was anchored", async () => {
      chain.statuses.get(ISSUER_KEY.address.toLowerCase())!.push({ status: AccreditationStatus.Suspended, from: ANCHORED_AT - 5 });
      const report = await verify(text(credential));
      expect(byCheck(report, "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_NOT_ACCREDITED" });
      expect(byCheck(report, "ISSUER")?.message["zh-Hant"]).to.contain("已暫停");
    });

    it("stays VALID when the suspension came after the batch was anchored", async () => {
      chain.statuses.get(ISSUER_KEY.address.toLowerCase())!.push({ status: AccreditationStatus.Suspended, from: ANCHORED_AT + 5 });
      expect((await verify(text(credential))).status).to.equal("VALID");
    });

    it("fails when the key's window had closed at anchoring time", async () => {
      chain.keys.get(ISSUER_KEY.address.toLowerCase())!.until = ANCHORED_AT - 1;
      const report = await verify(text(credential));
      expect(byCheck(report, "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_KEY_NOT_AUTHORISED" });
    });

    it("fails when the registered names differ from the names in the credential", async () => {
      chain.issuers.get(ISSUER_KEY.address.toLowerCase())!.nameEn = "Peak University";
      const report = await verify(text(credential));
      expect(byCheck(report, "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_NAME_MISMATCH" });
    });

    it("fails ISSUER_URL_MISMATCH for a credential, and its VC export, showing a web address off the registered domain", async () => {
      chain.issuers.get(ISSUER_KEY.address.toLowerCase())!.domain = "peak.example.edu";
      for (const input of [text(credential), JSON.stringify(exportVc(credential))]) {
        const report = await verify(input);
        expect(byCheck(report, "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_URL_MISMATCH" });
        expect(report.status).to.equal("INVALID");
      }
    });

    it("fails for an issuer the registry does not know", async () => {
      chain.issuers.clear();
      const report = await verify(text(credential));
      expect(byCheck(report, "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_UNKNOWN" });
    });
  });

  describe("STATUS", () => {
    const revocation = (reasonCode: RevocationReason, reason: string) => ({
      revokedAt: ANCHORED_AT + 100,
      reasonCode,
      reason,
      revokedBy: ISSUER_KEY.address,
    });

    it("reports a revoked credential with its reason", async () => {
      const report0 = await verify(text(credential));
      const leaf = byCheck(report0, "INTEGRITY")?.data?.leaf as string;
      chain.credentialRevocations.set(leafKey(credential.proof.issuer, credential.proof.merkleRoot, leaf), revocation(RevocationReason.AcademicMisconduct, "Plagiarism"));
      const report = await verify(text(credential));
      expect(byCheck(report, "STATUS")).to.include({ status: "INVALID", code: "STATUS_REVOKED" });
      expect(byCheck(report, "STATUS")?.data).to.include({ reason: "Plagiarism", reasonCode: "AcademicMisconduct" });
      expect(byCheck(report, "STATUS")?.message.en).to.contain("Plagiarism");
    });

    it("reports a superseded credential naming its replacement", async () => {
      const leaf = byCheck(await verify(text(credential)), "INTEGRITY")?.data?.leaf as string;
      chain.credentialRevocations.set(leafKey(credential.proof.issuer, credential.proof.merkleRoot, leaf), revocation(RevocationReason.Superseded, "urn:uuid:new"));
      const report = await verify(text(credential));
      expect(byCheck(report, "STATUS")).to.include({ status: "INVALID", code: "STATUS_SUPERSEDED" });
      expect(byCheck(report, "STATUS")?.data).to.include({ supersededBy: "urn:uuid:new" });
    });

    it("reports a revoked batch", async () => {
      chain.batchRevocations.set(batchKey(credential.proof.issuer, credential.proof.merkleRoot), revocation(RevocationReason.IssuedInError, "Wrong cohort"));
      const report = await verify(text(credential));
      expect(byCheck(report, "STATUS")).to.include({ status: "INVALID", code: "STATUS_BATCH_REVOKED" });
    });

    it("is VALID when checked at a moment before the revocation", async () => {
      chain.batchRevocations.set(batchKey(credential.proof.issuer, credential.proof.merkleRoot), revocation(RevocationReason.IssuedInError, "Wrong cohort"));
      const report = await verify(text(credential), new Date((ANCHORED_AT + 50) * 1000));
      expect(report.status).to.equal("VALID");
    });
  });

  describe("EXPIRY", () => {
    it("fails after validUntil", async () => {
      const report = await verify(text(credential), new Date("2031-01-01T00:00:00Z"));
      expect(byCheck(report, "EXPIRY")).to.include({ status: "INVALID", code: "EXPIRY_EXPIRED" });
    });
  });

  describe("an unreachable chain", () => {
    it("gives ERROR, never VALID, while the offline checks still run", async () => {
      chain.failing = true;
      const report = await verify(text(credential));
      expect(report.status).to.equal("ERROR");
      expect(report.valid).to.equal(false);
      expect(byCheck(report, "INTEGRITY")?.status).to.equal("VALID");
      for (const name of ["ANCHOR", "ISSUER", "STATUS"]) {
        expect(byCheck(report, name)).to.include({ status: "ERROR", code: "CHAIN_UNREACHABLE" });
      }
    });

    it("still reports INVALID for a tampered credential", async () => {
      chain.failing = true;
      credential.credentialSubject.name!.en = "Someone Else";
      expect((await verify(text(credential))).status).to.equal("INVALID");
    });
  });
});
