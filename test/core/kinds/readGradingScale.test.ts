import { expect } from "chai";
import { contentId } from "../../../core/src/contentId";
import { ContentError } from "../../../core/src/errors";
import { gradingScaleBytes, gradingScaleCid } from "../../../core/src/kinds/GradingScale";
import { readGradingScale } from "../../../core/src/kinds/readGradingScale";
import { SCALE } from "../helpers/kindRecords";

const codeOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(ContentError);
    return (error as ContentError).code;
  }
  throw new Error("expected a ContentError");
};

describe("readGradingScale (a scale fetched by its CID, SPEC §12.2)", () => {
  const cid = gradingScaleCid(SCALE);

  it("returns the scale when the bytes are exactly those of the CID", () => {
    expect(readGradingScale(gradingScaleBytes(SCALE), cid)).to.deep.equal(SCALE);
  });

  it("refuses other bytes under the CID, even another valid scale or the same scale written differently", () => {
    const other = { ...SCALE, grades: SCALE.grades.map((g) => (g.grade === "A" ? { ...g, legend: { en: "Average", "zh-Hant": "一般" } } : g)) };
    expect(codeOf(() => readGradingScale(gradingScaleBytes(other), cid))).to.equal("CONTENT_CID_MISMATCH");
    expect(codeOf(() => readGradingScale(new TextEncoder().encode(JSON.stringify(SCALE, null, 2)), cid))).to.equal("CONTENT_CID_MISMATCH");
  });

  it("gradingScaleCid remembers a scale's CID, and hashes a scale changed in place again", () => {
    const scale = structuredClone(SCALE);
    expect(gradingScaleCid(scale)).to.equal(contentId(gradingScaleBytes(SCALE))).and.to.equal(cid);
    expect(gradingScaleCid(scale)).to.equal(cid);
    scale.name.en = "Another grading scale";
    expect(gradingScaleCid(scale)).to.equal(contentId(gradingScaleBytes(scale))).and.not.to.equal(cid);
  });

  it("refuses content that is what its CID names but no grading scale", () => {
    const notScale = new TextEncoder().encode(JSON.stringify({ hello: "world" }));
    expect(codeOf(() => readGradingScale(notScale, contentId(notScale)))).to.equal("CONTENT_NOT_GRADING_SCALE");
    const notJson = Uint8Array.of(0xff, 0xfe, 0x00);
    expect(codeOf(() => readGradingScale(notJson, contentId(notJson)))).to.equal("CONTENT_NOT_GRADING_SCALE");
  });
});
