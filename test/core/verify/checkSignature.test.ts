import { expect } from "chai";
import { Wallet } from "ethers";
import type { Credential } from "../../../core/src/Credential";
import { checkSignature } from "../../../core/src/verify/checkSignature";
import { issueBatch } from "../helpers/anchoredBatch";

/** secp256k1 group order: s and n − s are the two signatures of one message. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe("checkSignature (SPEC §8 SIGNATURE)", () => {
  let issued: Credential;
  let credential: Credential;
  before(async () => {
    [issued] = (await issueBatch(2)) as [Credential];
  });
  beforeEach(() => {
    credential = structuredClone(issued);
  });

  it("passes when the batch signature recovers to the proof's signer and the document names the signed issuer", () => {
    expect(checkSignature(credential)).to.include({ status: "VALID", code: "OK" });
  });

  it("SIGNATURE_ISSUER_MISMATCH when issuer.id is not did:pkh:eip155:<proof.chainId>:<proof.issuer>", () => {
    credential.issuer.id = credential.issuer.id.replace(":31337:", ":1:");
    expect(checkSignature(credential)).to.include({ status: "INVALID", code: "SIGNATURE_ISSUER_MISMATCH" });
  });

  it("SIGNATURE_SIGNER_MISMATCH when the signature recovers to another key than proof.signer", () => {
    credential.proof.signer = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a").address;
    expect(checkSignature(credential)).to.include({ status: "INVALID", code: "SIGNATURE_SIGNER_MISMATCH" });
  });

  it("SIGNATURE_SIGNER_MISMATCH when the signed batch fields were changed", () => {
    credential.proof.batchSize = 3;
    expect(checkSignature(credential)).to.include({ status: "INVALID", code: "SIGNATURE_SIGNER_MISMATCH" });
  });

  it("SIGNATURE_MALFORMED for every malformed signature: high s, v not 27/28, wrong length, uppercase hex, not hex", () => {
    const signature = issued.proof.signature;
    const s = BigInt(`0x${signature.slice(66, 130)}`);
    const v = parseInt(signature.slice(130), 16);
    const highS = `${signature.slice(0, 66)}${(N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}`;
    const cases = {
      highS,
      v29: `${signature.slice(0, 130)}1d`,
      short: signature.slice(0, 128),
      long: `${signature}00`,
      upper: `0x${signature.slice(2).toUpperCase()}`,
      notHex: `0x${"zz".repeat(65)}`,
      empty: "",
    };
    for (const [name, malformed] of Object.entries(cases)) {
      credential.proof.signature = malformed;
      expect(checkSignature(credential), name).to.include({ status: "INVALID", code: "SIGNATURE_MALFORMED" });
    }
  });
});
