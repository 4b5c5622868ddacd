import { expect } from "chai";
import { recoverAddress, TypedDataEncoder, Wallet } from "ethers";
import fc from "fast-check";
import { batchDigest } from "../../core/src/batchDigest";
import { batchTypedData, type BatchTypedData } from "../../core/src/batchTypedData";
import { bytesToHex } from "../../core/src/hex";

const viaEthers = (data: BatchTypedData) => TypedDataEncoder.hash(data.domain, data.types, data.message);

function outcome(hash: (data: BatchTypedData) => string, data: BatchTypedData): string {
  try {
    return hash(data);
  } catch {
    return "throws";
  }
}

describe("batchDigest", () => {
  const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => bytesToHex(bytes));
  const root = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytesToHex(bytes));

  it("is ethers' EIP-712 hash of batchTypedData, for any chain, anchor, issuer, root and count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), address, address, root, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (chainId, anchor, issuer, r, count) => {
        const data = batchTypedData({ chainId, anchor, issuer, root: r, count });
        expect(bytesToHex(batchDigest(data))).to.equal(viaEthers(data));
      }),
      { numRuns: 300 },
    );
  });

  it("is what a wallet signs: the signature recovers the wallet's address from it", async () => {
    const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const data = batchTypedData({ chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: wallet.address, root: `0x${"12".repeat(32)}`, count: 9 });
    const signature = await wallet.signTypedData(data.domain, data.types, data.message);
    expect(recoverAddress(batchDigest(data), signature)).to.equal(wallet.address);
  });

  it("refuses what ethers refuses: a root that is not 32 bytes, a count or chain id that is negative, fractional or beyond 2^53", () => {
    const good = batchTypedData({ chainId: 1, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: "0x5FbDB2315678afecb367f032d93F642f64180aa3", root: `0x${"ab".repeat(32)}`, count: 3 });
    const bad: BatchTypedData[] = [
      { ...good, message: { ...good.message, root: `0x${"ab".repeat(31)}` } },
      { ...good, message: { ...good.message, root: `0x${"ab".repeat(33)}` } },
      { ...good, message: { ...good.message, root: `0x${"zz".repeat(32)}` } },
      { ...good, message: { ...good.message, count: -1 } },
      { ...good, message: { ...good.message, count: 1.5 } },
      { ...good, message: { ...good.message, count: 2 ** 53 } },
      { ...good, domain: { ...good.domain, chainId: -1 } },
      { ...good, domain: { ...good.domain, chainId: 0.5 } },
    ];
    for (const data of bad) {
      expect(outcome((d) => bytesToHex(batchDigest(d)), data), JSON.stringify(data.message)).to.equal("throws");
      expect(outcome(viaEthers, data), JSON.stringify(data.message)).to.equal("throws");
    }
  });
});
