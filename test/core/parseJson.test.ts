import { expect } from "chai";
import fc from "fast-check";
import { JsonFormatError } from "../../core/src/errors";
import { MAX_JSON_BYTES, parseJson } from "../../core/src/parseJson";

function codeOf(text: string): string | undefined {
  try {
    parseJson(text);
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(JsonFormatError);
    return (error as JsonFormatError).code;
  }
}

describe("parseJson", function () {
  this.timeout(30_000);

  it("parses what JSON.parse parses for ordinary JSON", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "small", noUnicodeString: false }), (text) => {
        const expected = JSON.parse(text) as unknown;
        let actual: unknown;
        try {
          actual = parseJson(text);
        } catch (error) {
          // fc.json may contain forbidden names, NFC-equal duplicates or be nested deeper than 32; those must throw.
          expect((error as JsonFormatError).code).to.be.oneOf(["FORMAT_FORBIDDEN_KEY", "FORMAT_DUPLICATE_KEY", "FORMAT_INVALID_JSON"]);
          return;
        }
        expect(actual).to.deep.equal(expected);
      }),
    );
  });

  it("rejects duplicate member names, also when equal only after NFC", () => {
    expect(codeOf('{"a":1,"a":2}')).to.equal("FORMAT_DUPLICATE_KEY");
    expect(codeOf('{"\u00e9":1,"e\u0301":2}')).to.equal("FORMAT_DUPLICATE_KEY");
    expect(codeOf('{"\\u00e9":1,"e\\u0301":2}')).to.equal("FORMAT_DUPLICATE_KEY");
    expect(codeOf('{"a":{"b":1},"c":{"b":1}}')).to.equal(undefined);
    try {
      parseJson('{"x":{"a":1, "a":2}}');
    } catch (error) {
      expect((error as JsonFormatError).details).to.deep.equal({ position: 13, key: "a" });
    }
  });

  it("rejects __proto__, constructor and prototype at any depth, escaped or not", () => {
    expect(codeOf('{"__proto__":{"polluted":true}}')).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(codeOf('{"a":[{"constructor":1}]}')).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(codeOf('{"prototype":1}')).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(codeOf('{"\\u005f_proto__":1}')).to.equal("FORMAT_FORBIDDEN_KEY");
    expect(({} as Record<string, unknown>)["polluted"]).to.equal(undefined);
  });

  it("rejects lone surrogates, raw or escaped, in values and names, and accepts pairs", () => {
    expect(codeOf('"\\ud800"')).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf('"\\udc00x"')).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf(`"${"\ud800"}"`)).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf('{"\\udfff":1}')).to.equal("FORMAT_LONE_SURROGATE");
    expect(codeOf('"\\ude00\\ud83d"')).to.equal("FORMAT_LONE_SURROGATE");
    expect(parseJson('"\\ud83d\\ude00"')).to.equal("😀");
    expect(parseJson('"😀"')).to.equal("😀");
  });

  it("rejects numbers that are not finite doubles and keeps tiny ones", () => {
    expect(codeOf("1e400")).to.equal("FORMAT_NON_FINITE_NUMBER");
    expect(codeOf("[-1e309]")).to.equal("FORMAT_NON_FINITE_NUMBER");
    expect(parseJson("1e-400")).to.equal(0);
    expect(parseJson("-0.5E+2")).to.equal(-50);
  });

  it("rejects malformed JSON with the position", () => {
    for (const bad of ["", " ", "{", "[1,]", '{"a":1,}', "01", "1.", ".5", "+1", "NaN", "Infinity", "'a'", '"\t"', '"\\x"', '"\\u12"',
      "[1 2]", '{"a" 1}', "{a:1}", "tru", "nul", "1 2", "\ufeff{}", '"abc', "[", "{} x", "\u00a01"]) {
      expect(codeOf(bad), JSON.stringify(bad)).to.equal("FORMAT_INVALID_JSON");
    }
    try {
      parseJson('[1, 2, x]');
    } catch (error) {
      expect((error as JsonFormatError).details).to.deep.equal({ position: 7 });
    }
  });

  it("limits nesting to 32 levels", () => {
    expect(parseJson("[".repeat(32) + "]".repeat(32))).to.be.an("array");
    expect(codeOf("[".repeat(33) + "]".repeat(33))).to.equal("FORMAT_INVALID_JSON");
    expect(codeOf('{"a":'.repeat(33) + "1" + "}".repeat(33))).to.equal("FORMAT_INVALID_JSON");
  });

  it("limits text to 1 MiB of UTF-8", () => {
    const fits = `"${"a".repeat(MAX_JSON_BYTES - 2)}"`;
    expect(parseJson(fits)).to.be.a("string");
    expect(codeOf(`"${"a".repeat(MAX_JSON_BYTES - 1)}"`)).to.equal("FORMAT_INVALID_JSON");
    // 349,526 three-byte characters: fewer UTF-16 units than 1 MiB, more bytes.
    expect(codeOf(`"${"海".repeat(349_526)}"`)).to.equal("FORMAT_INVALID_JSON");
  });

  it("returns plain objects that behave like JSON.parse's", () => {
    const value = parseJson('{"a":{"b":[1,"x",null,true]}}') as { a: { b: unknown[] } };
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(value.a.b).to.deep.equal([1, "x", null, true]);
  });
});
