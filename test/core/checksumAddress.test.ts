import { expect } from "chai";
import { getAddress } from "ethers";
import fc from "fast-check";
import { checksumAddress } from "../../core/src/checksumAddress";
import { bytesToHex } from "../../core/src/hex";

describe("checksumAddress", () => {
  const anyCase = fc
    .tuple(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
    .map(([bytes, upper]) => `0x${[...bytesToHex(bytes).slice(2)].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")}`);

  it("gives ethers' getAddress for any address in any case, asked once or again", () => {
    fc.assert(
      fc.property(anyCase, (address) => {
        const expected = getAddress(address.toLowerCase());
        // A mixed-case spelling is either the checksum or refused, remembered or not.
        for (let i = 0; i < 2; i++) {
          let actual: string | Error;
          let wanted: string | Error;
          try {
            actual = checksumAddress(address);
          } catch (error) {
            actual = error as Error;
          }
          try {
            wanted = getAddress(address);
          } catch (error) {
            wanted = error as Error;
          }
          if (wanted instanceof Error) expect((actual as Error).message).to.equal(wanted.message);
          else expect(actual).to.equal(wanted).and.to.equal(expected);
        }
      }),
    );
  });

  it("refuses what is not an address, every time it is asked", () => {
    for (const bad of ["0x1234", "not an address", `0x${"g".repeat(40)}`]) {
      for (let i = 0; i < 2; i++) expect(() => checksumAddress(bad)).to.throw(/invalid address/);
    }
  });

  it("keeps answering right past its bound", () => {
    const addresses = Array.from({ length: 1500 }, (_, i) => `0x${i.toString(16).padStart(40, "0")}`);
    for (const address of [...addresses, ...addresses]) expect(checksumAddress(address)).to.equal(getAddress(address));
  });
});
