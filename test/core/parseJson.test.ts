import { expect } from "chai";
import fc from "fast-check";
import { JsonFormatError } from "../../core/src/errors";
import { MAX_JSON_BYTES, parseJson } from "../../core/src/parseJson";
import { parseJsonStrictly } from "../../core/src/parseJsonStrictly";

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

  /** What a parser answers: the value, or the error's class, code, message and details. */
  function answerOf(parse: (text: string) => unknown, text: string): unknown {
    try {
      return { value: parse(text) };
    } catch (error) {
      expect(error).to.be.instanceOf(JsonFormatError);
      const { code, message, details } = error as JsonFormatError;
      return { error: { code, message, details } };
    }
  }

  /** Pieces that trip a strict parser where JSON.parse does not, or that JSON.parse refuses: spliced into valid text. */
  const TRAPS = [
    '"a":1,', '"a":2,', '"\\ud800"', '"\\udc00"', "\ud800", "\udfff", "😀", '"\\ud83d\\ude00"', "1e400", "-1e309", "1e-400", "-0",
    '"__proto__":0,', '"constructor":1,', '"\\u005f_proto__":2,', '"prototype":[],', '"\u00e9":1,', '"e\u0301":1,', "{", "}", "[", "]", ",",
    ":", '"', "\\", "\\u", "\t", "\u0000", "\u001f", "\u2028", "\ufeff", " ", "\n", "0", "01", "1.", "tru", "null", "[".repeat(31),
    "]".repeat(31), '{"x":'.repeat(16),
  ];

  it("property: answers exactly as the character-by-character parser, value or error (code, message, position)", () => {
    const spliced = fc
      .tuple(fc.json({ depthSize: "small", noUnicodeString: false }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TRAPS), fc.boolean()), { maxLength: 4 }))
      .map(([text, edits]) =>
        edits.reduce((out, [at, piece, replace]) => {
          const position = at % (out.length + 1);
          return out.slice(0, position) + piece + out.slice(replace ? position + 1 : position);
        }, text),
      );
    const duplicated = fc
      .tuple(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }), fc.nat(), fc.nat({ max: 34 }))
      .map(([members, pick, depth]) => {
        const entries = Object.entries(members).map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
        entries.push(entries[pick % entries.length] as string);
        return "[".repeat(depth % 3 === 0 ? depth : 0) + `{${entries.join(",")}}` + "]".repeat(depth % 3 === 0 ? depth : 0);
      });
    const nested = fc.tuple(fc.integer({ min: 28, max: 36 }), fc.boolean()).map(([depth, objects]) =>
      objects ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth),
    );
    fc.assert(
      fc.property(fc.oneof(spliced, duplicated, nested, fc.string({ unit: "binary", maxLength: 12 })), (text) => {
        expect(answerOf(parseJson, text), JSON.stringify(text)).to.deep.equal(answerOf(parseJsonStrictly, text));
      }),
      { numRuns: 600 },
    );
  });

  it("answers ordinary credential text as JSON.parse does and refuses the rest as the strict parser does", () => {
    const credential = JSON.stringify({ a: { b: ["x", 1.5, -0, true, null], "zh-Hant": "海港大學" }, c: { d: 1 } }, null, 2);
    expect(answerOf(parseJson, credential)).to.deep.equal({ value: JSON.parse(credential) });
    for (const text of ['{"a":1,"a":1}', '{"a":{"b":1,"b":1}}', '{"é":1,"e\u0301":2}', '["\\ud800"]', '["\ud800"]', "[1e400]", '{"__proto__":1}', "\ufeff{}"]) {
      const answer = answerOf(parseJson, text) as { error?: unknown };
      expect(answer.error, text).to.not.equal(undefined);
      expect(answer).to.deep.equal(answerOf(parseJsonStrictly, text));
    }
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
