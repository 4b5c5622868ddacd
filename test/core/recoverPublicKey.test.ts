import { expect } from "chai";
import { SigningKey, Wallet } from "ethers";
import fc from "fast-check";
import { ecdsaRecover } from "secp256k1";
import { batchTypedData, recoverBatchSigner } from "../../core/src/batchTypedData";
import { BaseError } from "../../core/src/errors";
import { bytesToHex, type Hex } from "../../core/src/hex";
import { recoverPublicKey, registerSecp256k1Recover } from "../../core/src/recoverPublicKey";

// Curve order n and field prime p: r at or above n, and x coordinates that are no point, are where recovery must fail.
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const HALF_N = N / 2n;

const word = (value: bigint) => value.toString(16).padStart(64, "0");
const native = (signature: Uint8Array, recoveryId: 0 | 1, digest: Uint8Array) => ecdsaRecover(signature, recoveryId, digest, false);

/** The key each implementation recovers, or "throws". */
function outcome(digest: Uint8Array, signature: Hex): string {
  try {
    return bytesToHex(recoverPublicKey(digest, signature));
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return "throws";
  }
}

function both(digest: Uint8Array, signature: Hex): { ethers: string; native: string } {
  registerSecp256k1Recover(undefined);
  const viaEthers = outcome(digest, signature);
  registerSecp256k1Recover(native);
  try {
    return { ethers: viaEthers, native: outcome(digest, signature) };
  } finally {
    registerSecp256k1Recover(undefined);
  }
}

describe("recoverPublicKey", () => {
  afterEach(() => registerSecp256k1Recover(undefined));

  it("recovers the signer's key through ethers, and through a registered libsecp256k1 alike", () => {
    const key = new SigningKey(`0x${"11".repeat(32)}`);
    const digest = new Uint8Array(32).fill(0xab);
    const signature = key.sign(digest).serialized as Hex;
    expect(both(digest, signature)).to.deep.equal({ ethers: key.publicKey, native: key.publicKey });
  });

  it("gives the same key, or fails alike, for any r, low s and v (r = 0, r ≥ n, r ≥ p and x off the curve included)", () => {
    const r = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
      fc.constantFrom(0n, 1n, N - 1n, N, N + 1n, P - 1n, P, (1n << 256n) - 1n),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), r, fc.bigInt({ min: 1n, max: HALF_N }), fc.constantFrom(27, 28), (digest, rValue, s, v) => {
        const signature = `0x${word(rValue)}${word(s)}${v.toString(16)}` as Hex;
        const result = both(digest, signature);
        expect(result.native).to.equal(result.ethers);
      }),
      { numRuns: 300 },
    );
  });

  it("makes recoverBatchSigner give the same signer and the same refusals", async () => {
    const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const anchor = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const root = `0x${"cd".repeat(32)}`;
    const data = batchTypedData({ chainId: 31337, anchor, issuer: wallet.address, root, count: 7 });
    const proof = { chainId: 31337, anchor, issuer: wallet.address, merkleRoot: root, batchSize: 7, signature: await wallet.signTypedData(data.domain, data.types, data.message) };
    const signerOrCode = (p: typeof proof) => {
      try {
        return recoverBatchSigner(p);
      } catch (error) {
        return (error as BaseError).code;
      }
    };
    const cases = [proof, { ...proof, batchSize: 8 }, { ...proof, signature: `0x${word(N)}${proof.signature.slice(66)}` }, { ...proof, signature: `0x${"00".repeat(64)}1c` }];
    const viaEthers = cases.map(signerOrCode);
    registerSecp256k1Recover(native);
    expect(cases.map(signerOrCode)).to.deep.equal(viaEthers);
    expect(viaEthers[0]).to.equal(wallet.address);
    expect(viaEthers.slice(2)).to.deep.equal(["SIGNATURE_MALFORMED", "SIGNATURE_MALFORMED"]);
  });

  it("with libsecp256k1 registered, refuses a signature that is not r‖s‖v with v 27 or 28 rather than guess", () => {
    registerSecp256k1Recover(native);
    const digest = new Uint8Array(32).fill(0xab);
    for (const signature of [`0x${"11".repeat(64)}1d`, `0x${"11".repeat(64)}`] as Hex[]) {
      expect(() => recoverPublicKey(digest, signature)).to.throw(BaseError).with.property("code", "SIGNATURE_MALFORMED");
    }
  });
});
