import { expect } from "chai";
import fc from "fast-check";
import { CanonicalisationError } from "../../core/src/errors";
import { listClaims } from "../../core/src/listClaims";

describe("listClaims", () => {
  it("lists every primitive with its RFC 6901 pointer, skipping the top-level proof only", () => {
    const claims = listClaims({
      a: [1, { "b/c": null, "~d": true }],
      "e\u0301": "x",
      nested: { proof: "kept" },
      proof: { salts: { "/a/0": "0x" } },
    });
    expect(claims).to.deep.equal([
      { pointer: "/a/0", value: 1 },
      { pointer: "/a/1/b~1c", value: null },
      { pointer: "/a/1/~0d", value: true },
      { pointer: "/\u00e9", value: "x" },
      { pointer: "/nested/proof", value: "kept" },
    ]);
  });

  it("rejects empty objects and arrays anywhere, and non-JSON values", () => {
    for (const bad of [{ a: {} }, { a: [] }, { a: [1, {}] }, { a: undefined }, { a: () => 1 }]) {
      expect(() => listClaims(bad), JSON.stringify(bad)).to.throw(CanonicalisationError);
    }
    expect(listClaims({})).to.deep.equal([]);
  });

  it("yields pointers that are pairwise distinct", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (doc) => {
        let claims;
        try {
          claims = listClaims(doc);
        } catch {
          return;
        }
        const pointers = claims.map((c) => c.pointer);
        // NFC can merge two distinct names; canonicalize rejects such documents later.
        const distinctNames = new Set(Object.keys(doc).map((k) => k.normalize("NFC"))).size === Object.keys(doc).length;
        if (distinctNames && !("proof" in doc)) expect(new Set(pointers).size).to.equal(pointers.length);
      }),
    );
  });
});
