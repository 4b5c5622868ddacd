import { expect } from "chai";
import { AccreditationStatus, type BatchRecord } from "../../../core/src/chain/ChainReader";
import type { Credential } from "../../../core/src/Credential";
import { checkIssuer } from "../../../core/src/verify/checkIssuer";
import { anchoredChain, contextOf, ISSUER_KEY, issueBatch } from "../helpers/anchoredBatch";
import type { FakeChain } from "../helpers/fakeChain";

describe("checkIssuer (SPEC §8 ISSUER)", () => {
  let issued: Credential;
  let credential: Credential;
  let chain: FakeChain;
  const id = ISSUER_KEY.address.toLowerCase();
  const run = async () => checkIssuer(credential, contextOf(chain), (await chain.batch(credential.proof.issuer, credential.proof.merkleRoot)) as BatchRecord);

  before(async () => {
    [issued] = (await issueBatch(1)) as [Credential];
  });
  beforeEach(() => {
    credential = structuredClone(issued);
    chain = anchoredChain(credential);
  });

  it("passes for an accredited issuer, an authorised key, the registered names and a URL on its domain", async () => {
    expect(credential.issuer.url).to.equal("https://harbour.example.edu");
    expect(await run()).to.include({ status: "VALID", code: "OK" });
  });

  it("ISSUER_UNKNOWN when the registry does not know the issuer", async () => {
    chain.issuers.clear();
    expect(await run()).to.include({ status: "INVALID", code: "ISSUER_UNKNOWN" });
  });

  it("ISSUER_NOT_ACCREDITED when the issuer was suspended before the batch, naming the status", async () => {
    chain.statuses.get(id)!.push({ status: AccreditationStatus.Suspended, from: 100 });
    const result = await run();
    expect(result).to.include({ status: "INVALID", code: "ISSUER_NOT_ACCREDITED" });
    expect(result.data).to.include({ status: "Suspended" });
  });

  it("ISSUER_KEY_NOT_AUTHORISED when the key's window did not cover the anchoring", async () => {
    chain.keys.get(id)!.until = 100;
    expect(await run()).to.include({ status: "INVALID", code: "ISSUER_KEY_NOT_AUTHORISED" });
  });

  it("ISSUER_NAME_MISMATCH when a shown name differs from the registered one", async () => {
    chain.issuers.get(id)!.nameZh = "山頂大學";
    expect(await run()).to.include({ status: "INVALID", code: "ISSUER_NAME_MISMATCH" });
  });

  it("compares names in NFC, as they are hashed: a decomposed registry name matches the composed credential", async () => {
    credential.issuer.name = { en: "Université du Port", "zh-Hant": "海港大學" };
    chain.issuers.get(id)!.nameEn = "Universite\u0301 du Port";
    expect(await run()).to.include({ status: "VALID", code: "OK" });
    chain.issuers.get(id)!.nameEn = "Universite du Port";
    expect(await run()).to.include({ status: "INVALID", code: "ISSUER_NAME_MISMATCH" });
  });

  it("accepts hidden names and a hidden URL: only what is shown is compared", async () => {
    delete credential.issuer.name;
    delete credential.issuer.url;
    chain.issuers.get(id)!.nameEn = "Another Name";
    chain.issuers.get(id)!.domain = "";
    expect(await run()).to.include({ status: "VALID", code: "OK" });
  });

  it("ISSUER_URL_MISMATCH unless the URL's host is the registered domain or a subdomain of it", async () => {
    for (const url of ["https://www.harbour.example.edu/graduates", "https://harbour.example.edu:8443"]) {
      credential.issuer.url = url;
      expect(await run(), url).to.include({ status: "VALID", code: "OK" });
    }
    for (const url of ["https://peak.example.edu", "https://evilharbour.example.edu", "https://harbour.example.edu.evil.example", "https://example.edu"]) {
      credential.issuer.url = url;
      const result = await run();
      expect(result, url).to.include({ status: "INVALID", code: "ISSUER_URL_MISMATCH" });
      expect(result.data).to.include({ documentUrl: url, domain: "harbour.example.edu" });
    }
  });

  it("ISSUER_URL_MISMATCH when the issuer is registered without a domain but the credential shows a URL", async () => {
    chain.issuers.get(id)!.domain = "";
    expect(await run()).to.include({ status: "INVALID", code: "ISSUER_URL_MISMATCH" });
  });

  it("CHAIN_UNREACHABLE (ERROR, never VALID) when the registry cannot be read", async () => {
    const batch = (await chain.batch(credential.proof.issuer, credential.proof.merkleRoot)) as BatchRecord;
    chain.failing = true;
    expect(await checkIssuer(credential, contextOf(chain), batch)).to.include({ status: "ERROR", code: "CHAIN_UNREACHABLE" });
  });
});
