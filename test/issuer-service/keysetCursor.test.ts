import { expect } from "chai";
import { CursorParam, decodeCursor, encodeCursor } from "../../issuer-service/domain/keysetCursor";

describe("issuer service: keyset cursors", () => {
  it("give back the keys they were made from, as an opaque token the API accepts", () => {
    const cursor = encodeCursor([41, 7]);
    expect(CursorParam.safeParse(cursor).success).to.equal(true);
    expect(decodeCursor(cursor, 2)).to.deep.equal([41, 7]);
  });

  it("clamp a forged key beyond the integer column to its maximum, so the query pages instead of failing", () => {
    expect(decodeCursor(encodeCursor([9_999_999_999]), 1)).to.deep.equal([2_147_483_647]);
  });

  it("read a cursor of another shape (wrong arity, not numbers, not base64url) as zeros: an empty page", () => {
    expect(decodeCursor(encodeCursor([1, 2]), 1)).to.deep.equal([0]);
    expect(decodeCursor(Buffer.from("1:x").toString("base64url"), 2)).to.deep.equal([0, 0]);
    expect(decodeCursor("%%%", 1)).to.deep.equal([0]);
  });
});
