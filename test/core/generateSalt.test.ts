import { expect } from "chai";
import { generateSalt } from "../../core/src/generateSalt";

describe("generateSalt", () => {
  it("returns 32 random bytes as 66-character lowercase hex", () => {
    const salts = new Set(Array.from({ length: 100 }, () => generateSalt()));
    expect(salts.size).to.equal(100);
    for (const salt of salts) expect(salt).to.match(/^0x[0-9a-f]{64}$/);
  });

  it("uses an injected source and refuses a short one", () => {
    expect(generateSalt((n) => new Uint8Array(n).fill(0xab))).to.equal(`0x${"ab".repeat(32)}`);
    expect(() => generateSalt(() => new Uint8Array(31))).to.throw(RangeError);
  });
});
