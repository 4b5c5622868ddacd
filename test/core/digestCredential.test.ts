import { expect } from "chai";
import { keccak256 as ethersKeccak, concat, toUtf8Bytes } from "ethers";
import { buildCredential } from "../../core/buildCredential";
import type { Credential } from "../../core/Credential";
import { digestCredential, leafFromDigest } from "../../core/digestCredential";
import { BaseError } from "../../core/errors";
import { hashClaim } from "../../core/hashClaim";
import { bytesToHex } from "../../core/hex";
import { listClaims } from "../../core/listClaims";
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
    const digest = ethersKeccak(concat([toUtf8Bytes("credanchor:credential:v1"), ...hashes]));
    const leaf = ethersKeccak(ethersKeccak(concat([toUtf8Bytes("credanchor:leaf:v1"), digest])));
    expect(digestCredential(credential)).to.deep.equal({ digest, leaf, claimCount: 26 });
    expect(leafFromDigest(digest as `0x${string}`)).to.equal(leaf);
  });

  it("does not depend on member order", () => {
    const credential = fresh();
    const { credentialSubject, proof, ...rest } = credential;
    const reordered = { proof, credentialSubject: Object.fromEntries(Object.entries(credentialSubject).reverse()), ...rest } as Credential;
    expect(digestCredential(reordered)).to.deep.equal(digestCredential(credential));
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
});
