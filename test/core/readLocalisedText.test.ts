import { expect } from "chai";
import { membersOf } from "../../core/src/membersOf";
import { readLocalisedText } from "../../core/src/readLocalisedText";

describe("reading an untrusted document's fields (membersOf, readLocalisedText)", () => {
  it("membersOf gives an object's members and nothing for null, arrays and primitives", () => {
    expect(membersOf({ a: 1 })).to.deep.equal({ a: 1 });
    for (const value of [null, undefined, [1], "text", 3, true]) expect(membersOf(value), String(value)).to.deep.equal({});
  });

  it("readLocalisedText keeps both halves, or the one that is not hidden", () => {
    expect(readLocalisedText({ en: "Chan Tai Man", "zh-Hant": "陳大文" })).to.deep.equal({ en: "Chan Tai Man", "zh-Hant": "陳大文" });
    expect(readLocalisedText({ "zh-Hant": "陳大文" })).to.deep.equal({ "zh-Hant": "陳大文" });
    expect(readLocalisedText({ en: "Chan Tai Man", "zh-Hant": 7 })).to.deep.equal({ en: "Chan Tai Man" });
  });

  it("readLocalisedText reads nothing from a value with no non-empty half", () => {
    for (const value of [undefined, null, "Chan Tai Man", ["Chan"], {}, { en: "", "zh-Hant": "" }, { en: 1 }]) {
      expect(readLocalisedText(value), JSON.stringify(value)).to.equal(undefined);
    }
  });
});
