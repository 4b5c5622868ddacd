import { expect } from "chai";
import { newRequestId, REQUEST_ID } from "../../issuer-service/requests/institutionRequests";

describe("newRequestId", () => {
  it("draws 22 base64url characters (128 bits) that never start with a spreadsheet's formula sign", () => {
    // One id in 64 would start with "-" if it were not drawn again: 2,000 ids would hold about 31 of them.
    const ids = Array.from({ length: 2000 }, newRequestId);
    expect(ids.filter((id) => !REQUEST_ID.test(id))).to.deep.equal([]);
    expect(ids.filter((id) => id.startsWith("-"))).to.deep.equal([]);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
