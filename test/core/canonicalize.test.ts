import { expect } from "chai";
import fc from "fast-check";
import { canonicalize } from "../../core/src/canonicalize";
import { CanonicalisationError } from "../../core/src/errors";

function codeOf(value: unknown): string | undefined {
  try {
    canonicalize(value);
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(CanonicalisationError);
    return (error as CanonicalisationError).code;
  }
}

describe("canonicalize", function () {
  this.timeout(30_000);

  it("matches RFC 8785 examples: member order by UTF-16 units and ECMAScript numbers", () => {
    expect(canonicalize({ b: 1, a: [true, null, "x"], "\u20ac": 0, "\ud83d\ude00": 1, "\ufb01": 2 })).to.equal(
      '{"a":[true,null,"x"],"b":1,"\u20ac":0,"\ud83d\ude00":1,"\ufb01":2}',
    );
    expect(canonicalize([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 5e-324])).to.equal(
      "[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,5e-324]",
    );
    expect(canonicalize("\u0000\u001f\"\\\n\u2028")).to.equal('"\\u0000\\u001f\\"\\\\\\n\u2028"');
  });

  // The `canonicalize` package is ESM-only and cannot be required here; a hand-written sorted JSON.stringify
  // is an independent JCS for ASCII-named JSON.
  it("equals a sorted JSON.stringify on ASCII JSON, and is idempotent", () => {
    const sorted = (v: unknown): string =>
      Array.isArray(v) ? `[${v.map(sorted).join(",")}]`
        : v !== null && typeof v === "object"
          ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(",")}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(fc.json({ depthSize: "small" }), (text) => {
        if (/__proto__|constructor|prototype/.test(text)) return;
        const value = JSON.parse(text) as unknown;
        const c = canonicalize(value);
        expect(c).to.equal(sorted(value));
        expect(canonicalize(JSON.parse(c))).to.equal(c);
      }),
    );
  });

  it("NFC-normalises strings and member names", () => {
    expect(canonicalize({ "e\u0301": "A\u030a" })).to.equal(canonicalize({ "\u00e9": "\u00c5" }));
    expect(canonicalize("e\u0301")).to.equal('"\u00e9"');
  });

  it("rejects what SPEC rejects", () => {
    expect(codeOf({ "e\u0301": 1, "\u00e9": 2 })).to.equal("FORMAT_DUPLICATE_KEY");
    expect(codeOf(JSON.parse('{"__proto__":1}'))).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(codeOf({ constructor: 1 })).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(codeOf(["\ud800"])).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf({ "\udc00": 1 })).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf(Number.NaN)).to.equal("FORMAT_NON_FINITE_NUMBER");
    expect(codeOf([Infinity])).to.equal("FORMAT_NON_FINITE_NUMBER");
    for (const bad of [undefined, () => 1, 1n, Symbol("s"), { a: undefined }, [undefined], new Date(0), new Uint8Array(1), new Map()]) {
      expect(codeOf(bad), String(bad)).to.equal("CANONICAL_UNSUPPORTED_VALUE");
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(cyclic)).to.equal("CANONICAL_UNSUPPORTED_VALUE");
    // eslint-disable-next-line no-sparse-arrays
    expect(codeOf([1, , 2])).to.equal("CANONICAL_UNSUPPORTED_VALUE");
  });

  it("accepts the same object twice when it is not a cycle, and null-prototype objects", () => {
    const shared = { x: 1 };
    expect(canonicalize([shared, shared])).to.equal('[{"x":1},{"x":1}]');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalize(bare)).to.equal('{"a":1,"b":2}');
  });
});
