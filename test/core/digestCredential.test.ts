import { expect } from "chai";
import { keccak256 as ethersKeccak, concat, toUtf8Bytes } from "ethers";
import { buildCredential } from "../../core/src/buildCredential";
import type { Credential } from "../../core/src/Credential";
import { digestCredential, leafFromDigest } from "../../core/src/digestCredential";
import { BaseError } from "../../core/src/errors";
import { hashClaim } from "../../core/src/hashClaim";
import { bytesToHex } from "../../core/src/hex";
import { disclose } from "../../core/src/disclose";
import { listClaims } from "../../core/src/listClaims";
import { ISSUER, RECORD } from "./helpers/records";
import { saltCredential } from "./helpers/saltCredential";

const ID = "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11";
const fresh = (): Credential => saltCredential(buildCredential(RECORD, ISSUER, { id: ID }));

function codeOf(credential: Credential): { code: string; pointer: unknown } | undefined {
  try {
    digestCredential(credential);
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(BaseError);
    return { code: (error as BaseError).code, pointer: ((error as BaseError).details as { pointer: unknown }).pointer };
  }
}

describe("digestCredential", () => {
  it("follows SPEC §5, checked with an independent keccak", () => {
    const credential = fresh();
    const hashes = listClaims(credential)
      .map(({ pointer, value }) => bytesToHex(hashClaim(pointer, credential.proof.salts[pointer] as string, value)))
      .sort();
    const pointers = listClaims(credential).map(({ pointer }) => pointer).sort();
    const pointerSet = ethersKeccak(toUtf8Bytes(JSON.stringify(pointers)));
    const digest = ethersKeccak(concat([toUtf8Bytes("credanchor:credential:v2"), pointerSet, ...hashes]));
    const leaf = ethersKeccak(ethersKeccak(concat([toUtf8Bytes("credanchor:leaf:v1"), digest])));
    expect(digestCredential(credential)).to.deep.equal({ digest, leaf, claimCount: 26 });
    expect(leafFromDigest(digest as `0x${string}`)).to.equal(leaf);
  });

  it("does not depend on member order", () => {
    const credential = fresh();
    const { credentialSubject, proof, ...rest } = credential;
    const reordered = { proof, credentialSubject: Object.fromEntries(Object.entries(credentialSubject).reverse()), ...rest } as Credential;
    expect(digestCredential(reordered)).to.deep.equal(digestCredential(credential));
    // Salts listed in another order than the claims (not as issuance writes them) give the same digest.
    const saltsReordered = { ...credential, proof: { ...proof, salts: Object.fromEntries(Object.entries(proof.salts).reverse()) } } as Credential;
    expect(digestCredential(saltsReordered)).to.deep.equal(digestCredential(credential));
  });

  it("rejects a visible claim without salt and a salt without claim", () => {
    const unsalted = fresh();
    delete unsalted.proof.salts["/credentialSubject/gpa"];
    expect(codeOf(unsalted)).to.deep.equal({ code: "INTEGRITY_CLAIM_UNSALTED", pointer: "/credentialSubject/gpa" });
    const orphan = fresh();
    delete orphan.credentialSubject.gpa;
    expect(codeOf(orphan)).to.deep.equal({ code: "INTEGRITY_SALT_ORPHANED", pointer: "/credentialSubject/gpa" });
    const short = fresh();
    short.proof.salts["/id"] = "0x1234";
    expect(codeOf(short)?.code).to.equal("FORMAT_SALT_INVALID");
  });

  it("rejects hidden pointers that overlap visible or hidden claims, and repeated hashes", () => {
    const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
    for (const [pointer, label] of [
      ["/credentialSubject/gpa", "equal to a visible claim"],
      ["/credentialSubject/name", "a container of visible claims"],
      ["/credentialSubject/gpa/x", "inside a visible claim"],
      ["/proof/salts", "inside the proof"],
    ] as const) {
      const credential = fresh();
      credential.proof.hiddenClaims = { [pointer]: h(1) };
      expect(codeOf(credential), label).to.deep.equal({ code: "INTEGRITY_HIDDEN_CONFLICT", pointer });
    }
    const nested = fresh();
    nested.proof.hiddenClaims = { "/x": h(1), "/x/y": h(2) };
    expect(codeOf(nested)).to.deep.equal({ code: "INTEGRITY_HIDDEN_CONFLICT", pointer: "/x/y" });
    const copy = fresh();
    const gpaHash = bytesToHex(hashClaim("/credentialSubject/gpa", copy.proof.salts["/credentialSubject/gpa"] as string, 3.61));
    copy.proof.hiddenClaims = { "/credentialSubject/extra": gpaHash };
    expect(codeOf(copy)?.code).to.equal("INTEGRITY_HIDDEN_CONFLICT");
  });

  it("changes with any claim value or salt", () => {
    const leaf = digestCredential(fresh()).leaf;
    const changed = fresh();
    changed.credentialSubject.gpa = 3.62;
    expect(digestCredential(changed).leaf).not.to.equal(leaf);
    const resalted = fresh();
    resalted.proof.salts["/id"] = `0x${"00".repeat(32)}`;
    expect(digestCredential(resalted).leaf).not.to.equal(leaf);
  });

  it("compares salt keys after NFC: a salt key written decomposed still salts its claim", () => {
    const composed = fresh() as Credential & { extra?: Record<string, string> };
    composed.extra = { "caf\u00e9": "x" };
    composed.proof.salts["/extra/caf\u00e9"] = `0x${"33".repeat(32)}`;
    const decomposed = structuredClone(composed);
    delete decomposed.proof.salts["/extra/caf\u00e9"];
    decomposed.proof.salts["/extra/cafe\u0301"] = `0x${"33".repeat(32)}`;
    expect(digestCredential(decomposed)).to.deep.equal(digestCredential(composed));
  });

  describe("commits to the set of claim pointers (SPEC §5, §6.2)", () => {
    const hashOf = (credential: Credential, pointer: string, value: string | number) =>
      bytesToHex(hashClaim(pointer, credential.proof.salts[pointer] as string, value));

    it("deleting validUntil and listing its hash under another pointer changes the leaf", () => {
      const credential = fresh();
      const leaf = digestCredential(credential).leaf;
      const forged = structuredClone(credential);
      const validUntilHash = hashOf(credential, "/validUntil", credential.validUntil as string);
      delete forged.validUntil;
      delete forged.proof.salts["/validUntil"];
      for (const label of ["/credentialSubject/note", "/issuer/note", "/validTo"]) {
        forged.proof.hiddenClaims = { [label]: validUntilHash };
        expect(digestCredential(forged).leaf, label).not.to.equal(leaf);
      }
    });

    it("refuses a hidden label on a structural member, so validUntil cannot be hidden under its own name", () => {
      const forged = fresh();
      const validUntilHash = hashOf(forged, "/validUntil", forged.validUntil as string);
      delete forged.validUntil;
      delete forged.proof.salts["/validUntil"];
      forged.proof.hiddenClaims = { "/validUntil": validUntilHash };
      expect(codeOf(forged)).to.deep.equal({ code: "INTEGRITY_HIDDEN_CONFLICT", pointer: "/validUntil" });
      for (const pointer of ["/id", "/type/0", "/issuer/id", "/validFrom", "/credentialSubject/type/0", "/@context/1"]) {
        const credential = fresh();
        credential.proof.hiddenClaims = { [pointer]: `0x${"11".repeat(32)}` };
        expect(codeOf(credential), pointer).to.deep.equal({ code: "INTEGRITY_HIDDEN_CONFLICT", pointer });
      }
    });

    it("dropping or inventing a hidden claim changes the leaf", () => {
      const credential = fresh();
      const redacted = disclose(credential, ["/credentialSubject/gpa", "/credentialSubject/dateOfBirth"]);
      const leaf = digestCredential(credential).leaf;
      expect(digestCredential(redacted).leaf).to.equal(leaf);
      const dropped = structuredClone(redacted);
      delete dropped.proof.hiddenClaims?.["/credentialSubject/dateOfBirth"];
      expect(digestCredential(dropped).leaf).not.to.equal(leaf);
      const invented = structuredClone(redacted);
      (invented.proof.hiddenClaims as Record<string, string>)["/credentialSubject/minor"] = `0x${"22".repeat(32)}`;
      expect(digestCredential(invented).leaf).not.to.equal(leaf);
    });

    it("relabelling a hidden hash as a claim that is visible elsewhere or that was never issued changes the leaf", () => {
      const credential = fresh();
      const leaf = digestCredential(credential).leaf;
      const redacted = disclose(credential, ["/credentialSubject/gpa"]);
      const gpaHash = redacted.proof.hiddenClaims?.["/credentialSubject/gpa"] as string;
      const relabelled = structuredClone(redacted);
      relabelled.proof.hiddenClaims = { "/credentialSubject/classRank": gpaHash };
      expect(digestCredential(relabelled).leaf).not.to.equal(leaf);
    });

    it("swapping the labels of two hidden claims keeps the leaf: same pointer set, same hashes, nothing shown", () => {
      const credential = fresh();
      const leaf = digestCredential(credential).leaf;
      const redacted = disclose(credential, ["/credentialSubject/gpa", "/credentialSubject/dateOfBirth"]);
      const hidden = redacted.proof.hiddenClaims as Record<string, string>;
      const swapped = structuredClone(redacted);
      swapped.proof.hiddenClaims = {
        "/credentialSubject/gpa": hidden["/credentialSubject/dateOfBirth"] as string,
        "/credentialSubject/dateOfBirth": hidden["/credentialSubject/gpa"] as string,
      };
      // Harmless: neither value is shown, and revealing either later recomputes its hash from pointer, salt and value.
      expect(digestCredential(swapped).leaf).to.equal(leaf);
    });

    it("a hidden claim's hash swapped for one from another credential changes the leaf", () => {
      const mine = fresh();
      const other = saltCredential(buildCredential({ ...RECORD, studentId: "HU2026002", gpa: 2.5 }, ISSUER, { id: ID }), "other");
      const leaf = digestCredential(mine).leaf;
      const redacted = disclose(mine, ["/credentialSubject/gpa"]);
      const foreign = disclose(other, ["/credentialSubject/gpa"]);
      const swapped = structuredClone(redacted);
      swapped.proof.hiddenClaims = { "/credentialSubject/gpa": foreign.proof.hiddenClaims?.["/credentialSubject/gpa"] as string };
      expect(digestCredential(swapped).leaf).not.to.equal(leaf);
    });
  });
});
