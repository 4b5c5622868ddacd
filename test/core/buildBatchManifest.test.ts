import { expect } from "chai";
import fc from "fast-check";
import { buildBatchManifest } from "../../core/src/buildBatchManifest";
import { canonicalize } from "../../core/src/canonicalize";
import { bytesToHex } from "../../core/src/hex";
import { keccak256 } from "../../core/src/keccak256";

const leaf = (i: number) => bytesToHex(keccak256(new TextEncoder().encode(`leaf:${i}`)));
const fields = {
  chainId: 31337,
  anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  issuer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  root: `0x${"ab".repeat(32)}`,
};
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("buildBatchManifest (SPEC §7.1)", () => {
  it("is the RFC 8785 form of its fields for any batch", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (ids, chainId) => {
        const manifest = text(buildBatchManifest({ ...fields, chainId, leaves: ids.map(leaf) }));
        expect(manifest).to.equal(canonicalize(JSON.parse(manifest)));
        expect(JSON.parse(manifest)).to.include({ count: ids.length, chainId, type: "CredAnchorBatchManifest", version: 2 });
      }),
      { numRuns: 50 },
    );
  });

  it("does not depend on the order the leaves come in, nor on when it is built", () => {
    const leaves = [3, 1, 4, 5, 9, 2, 6].map(leaf);
    const first = buildBatchManifest({ ...fields, leaves });
    const second = buildBatchManifest({ ...fields, leaves: [...leaves].reverse() });
    expect(text(second)).to.equal(text(first));
    expect(JSON.parse(text(first)).leaves).to.deep.equal([...leaves].sort());
    expect(text(first)).not.to.match(/createdAt|Z"/);
  });

  it("writes addresses in their EIP-55 form whatever case they are given in", () => {
    const lower = buildBatchManifest({ ...fields, anchor: fields.anchor.toLowerCase(), issuer: fields.issuer.toLowerCase(), leaves: [leaf(1)] });
    expect(text(lower)).to.equal(text(buildBatchManifest({ ...fields, leaves: [leaf(1)] })));
  });

  it("refuses what is not a batch: no leaves, a repeated leaf, a leaf or root not lowercase bytes32", () => {
    expect(() => buildBatchManifest({ ...fields, leaves: [] })).to.throw().with.property("code", "MERKLE_EMPTY");
    expect(() => buildBatchManifest({ ...fields, leaves: [leaf(1), leaf(1)] })).to.throw().with.property("code", "MERKLE_DUPLICATE_LEAF");
    expect(() => buildBatchManifest({ ...fields, leaves: [leaf(1).toUpperCase().replace("0X", "0x")] })).to.throw().with.property("code", "MERKLE_INVALID_LEAF");
    expect(() => buildBatchManifest({ ...fields, root: "0x01", leaves: [leaf(1)] })).to.throw().with.property("code", "MERKLE_INVALID_LEAF");
  });
});
