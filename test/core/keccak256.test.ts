import { expect } from "chai";
import { keccak256 as ethersKeccak } from "ethers";
import fc from "fast-check";
import { bytesToHex } from "../../core/hex";
import { keccak256, keccak256Hex } from "../../core/keccak256";

describe("keccak256", () => {
  it("is Ethereum's Keccak-256, not SHA3-256", () => {
    expect(keccak256Hex(new Uint8Array())).to.equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  });

  it("agrees with ethers on random input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(bytesToHex(keccak256(bytes))).to.equal(ethersKeccak(bytes));
      }),
    );
  });
});
