import { expect } from "chai";
import type { Credential } from "../../core/src/Credential";
import { disclose } from "../../core/src/disclose";
import { bytesToHex } from "../../core/src/hex";
import { hashClaim } from "../../core/src/hashClaim";
import { listClaims } from "../../core/src/listClaims";
import type { SignedBatch } from "../../core/src/signBatch";
import { chainWith, check, clone, issueBatch, record, text, verify } from "./helpers";

/** Rebuilds every object with its members in reverse order (proof, salts and arrays' objects included). */
function reverseMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseMembers);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseMembers(v)]));
  }
  return value;
}

describe("security: canonicalisation and parsing", function () {
  this.timeout(60_000);
  let batch: SignedBatch;
  let credential: Credential;
  let raw: string;

  before(async () => {
    batch = await issueBatch({
      records: [record(0, { nameEn: "José Chan", nameZh: "金大文" }), record(1), record(2)],
    });
    credential = batch.credentials[0]!;
    raw = text(credential);
  });

  async function expectFormat(input: string, code: string) {
    const report = await verify(chainWith(batch), input);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "FORMAT")?.code).to.equal(code);
    expect(report.checks.filter((c) => c.check !== "FORMAT").every((c) => c.status === "SKIPPED")).to.equal(true);
  }

  it("reordered members still verify: the digest is computed over canonical, sorted data", async () => {
    const reordered = JSON.stringify(reverseMembers(credential));
    expect(reordered).to.not.equal(JSON.stringify(credential));
    expect(Object.keys(JSON.parse(reordered) as object)[0]).to.equal("proof");
    expect((await verify(chainWith(batch), reordered)).status).to.equal("VALID");
  });

  it("a duplicated member is rejected even where JSON.parse would keep the last one", async () => {
    const duplicated = raw.replace('"studentId": "HU1000",', '"studentId": "HU9999",\n    "studentId": "HU1000",');
    expect(duplicated).to.not.equal(raw);
    await expectFormat(duplicated, "FORMAT_DUPLICATE_KEY");
  });

  it("a member duplicated only after NFC (composed vs decomposed name) is rejected", async () => {
    const duplicated = raw.replace('"issuer": {', '"issuer": {\n    "caf\\u00e9": 1, "cafe\\u0301": 2,');
    await expectFormat(duplicated, "FORMAT_DUPLICATE_KEY");
  });

  it("NFC and NFD spellings of an accented name give the same claim hash and both verify", async () => {
    const nfd = "José Chan".normalize("NFD");
    expect(nfd).to.not.equal("José Chan");
    const salt = credential.proof.salts["/credentialSubject/name/en"]!;
    expect(bytesToHex(hashClaim("/credentialSubject/name/en", salt, nfd))).to.equal(bytesToHex(hashClaim("/credentialSubject/name/en", salt, "José Chan")));
    const decomposed = raw.replace('"José Chan"', JSON.stringify(nfd));
    expect(decomposed).to.not.equal(raw);
    expect((await verify(chainWith(batch), decomposed)).status).to.equal("VALID");
  });

  it("a CJK compatibility ideograph spelling of a Chinese name (U+F90A for 金) gives the same claim hash and verifies", async () => {
    const compat = "\uF90A大文";
    expect(compat.normalize("NFC")).to.equal("金大文");
    const salt = credential.proof.salts["/credentialSubject/name/zh-Hant"]!;
    expect(bytesToHex(hashClaim("/credentialSubject/name/zh-Hant", salt, compat))).to.equal(
      bytesToHex(hashClaim("/credentialSubject/name/zh-Hant", salt, "金大文")),
    );
    const variant = raw.replace('"金大文"', JSON.stringify(compat));
    expect(variant).to.not.equal(raw);
    expect((await verify(chainWith(batch), variant)).status).to.equal("VALID");
  });

  it("a different name that only looks alike (Cyrillic о for Latin o) is another claim and fails", async () => {
    const lookalike = raw.replace('"José Chan"', '"Jоsé Chan"');
    const report = await verify(chainWith(batch), lookalike);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "INTEGRITY")?.code).to.equal("INTEGRITY_ROOT_MISMATCH");
  });

  it("a lone surrogate, escaped or raw, is rejected", async () => {
    await expectFormat(raw.replace('"José Chan"', '"José Chan\\ud800"'), "FORMAT_LONE_SURROGATE");
    await expectFormat(raw.replace('"José Chan"', '"José Chan\ud800"'), "FORMAT_LONE_SURROGATE");
  });

  it("NaN and Infinity are not JSON", async () => {
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": NaN'), "FORMAT_INVALID_JSON");
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": Infinity'), "FORMAT_INVALID_JSON");
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": -Infinity'), "FORMAT_INVALID_JSON");
  });

  it("a number that overflows a double (1e400) is rejected, and huge finite numbers fail the schema", async () => {
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": 1e400'), "FORMAT_NON_FINITE_NUMBER");
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": 1e308'), "FORMAT_SCHEMA");
    await expectFormat(raw.replace('"gpa": 3.61', '"gpa": 361000000000000000000000000000001'), "FORMAT_SCHEMA");
    const hugeIndex = raw.replace(/"leafIndex": \d+/, '"leafIndex": 9007199254740993');
    expect(hugeIndex).to.not.equal(raw);
    await expectFormat(hugeIndex, "FORMAT_SCHEMA");
  });

  it("__proto__, constructor and prototype members are rejected, also when escaped", async () => {
    await expectFormat(raw.replace('"credentialSubject": {', '"credentialSubject": { "__proto__": { "gpa": 4.3 },'), "FORMAT_FORBIDDEN_KEY");
    await expectFormat(raw.replace('"credentialSubject": {', '"credentialSubject": { "\\u005f_proto__": { "gpa": 4.3 },'), "FORMAT_FORBIDDEN_KEY");
    await expectFormat(raw.replace('"salts": {', '"salts": { "constructor": "0x00",'), "FORMAT_FORBIDDEN_KEY");
    await expectFormat(raw.replace('"proof": {', '"proof": { "prototype": 1,'), "FORMAT_FORBIDDEN_KEY");
  });

  it("path collisions: a.b, a/b, a~b and nested a → b are four distinct claims with distinct hashes", () => {
    const pointers = [{ "a.b": 1 }, { "a/b": 1 }, { "a~b": 1 }, { a: { b: 1 } }, { "a~1b": 1 }].map((document) => listClaims(document)[0]!.pointer);
    expect(pointers).to.deep.equal(["/a.b", "/a~1b", "/a~0b", "/a/b", "/a~01b"]);
    expect(new Set(pointers).size).to.equal(pointers.length);
    const salt = `0x${"11".repeat(32)}`;
    const hashes = pointers.map((pointer) => bytesToHex(hashClaim(pointer, salt, 1)));
    expect(new Set(hashes).size).to.equal(hashes.length);
  });

  it("path collisions in a credential: a member named with / is unknown, and a salt or hidden label spelled with ~1 names no claim", async () => {
    await expectFormat(raw.replace('"credentialSubject": {', '"credentialSubject/gpa": 4.3, "credentialSubject": {'), "FORMAT_SCHEMA");
    const respelled = clone(credential);
    const salts = respelled.proof.salts as Record<string, string>;
    salts["/credentialSubject~1gpa"] = salts["/credentialSubject/gpa"]!;
    delete salts["/credentialSubject/gpa"];
    const report = await verify(chainWith(batch), respelled);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "INTEGRITY")?.status).to.equal("INVALID");

    const hidden = disclose(credential, ["/credentialSubject/gpa"]);
    expect((await verify(chainWith(batch), hidden)).status).to.equal("VALID");
    const relabelled = clone(hidden);
    const hiddenClaims = relabelled.proof.hiddenClaims as Record<string, string>;
    hiddenClaims["/credentialSubject~1gpa"] = hiddenClaims["/credentialSubject/gpa"]!;
    delete hiddenClaims["/credentialSubject/gpa"];
    const relabelledReport = await verify(chainWith(batch), relabelled);
    expect(relabelledReport.status).to.equal("INVALID");
    expect(check(relabelledReport, "INTEGRITY")?.status).to.equal("INVALID");
  });

  it("a hidden claim's hash swapped with the same claim's hash from another credential fails", async () => {
    const mine = disclose(credential, ["/credentialSubject/gpa"]);
    const theirs = disclose(batch.credentials[1]!, ["/credentialSubject/gpa"]);
    // Same GPA value, different salt: a holder cannot borrow another graduate's hidden claim.
    expect(mine.proof.hiddenClaims!["/credentialSubject/gpa"]).to.not.equal(theirs.proof.hiddenClaims!["/credentialSubject/gpa"]);
    const forged = clone(mine);
    forged.proof.hiddenClaims!["/credentialSubject/gpa"] = theirs.proof.hiddenClaims!["/credentialSubject/gpa"]!;
    const report = await verify(chainWith(batch), forged);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "INTEGRITY")?.code).to.equal("INTEGRITY_ROOT_MISMATCH");
  });

  it("a salt shorter than 16 bytes (and any salt that is not exactly 32 bytes of lowercase hex) is rejected", async () => {
    const salt = credential.proof.salts["/credentialSubject/gpa"]!;
    for (const bad of [salt.slice(0, 2 + 30), salt.slice(0, 2 + 32), salt.slice(0, -2), salt.toUpperCase().replace("0X", "0x"), `${salt}00`]) {
      await expectFormat(raw.replace(salt, bad), "FORMAT_SALT_INVALID");
    }
  });
});
