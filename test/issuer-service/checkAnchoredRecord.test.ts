import { expect } from "chai";
import type { BatchRecord } from "../../core/src/chain/ChainReader";
import { AnchoringRefusedError } from "../../issuer-service/worker/AnchoringRefusedError";
import { checkAnchoredRecord } from "../../issuer-service/worker/checkAnchoredRecord";

const ISSUER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const KEY = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const OTHER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const sent = { root: `0x${"ab".repeat(32)}`, signer: KEY, count: 3, manifest_cid: "QmSent" };
const record: BatchRecord = { issuerId: ISSUER, signer: KEY, anchoredAt: 1_790_000_000, blockNumber: 42, count: 3, manifestCid: "QmSent" };

function refusal(changed: Partial<BatchRecord>): AnchoringRefusedError | undefined {
  try {
    checkAnchoredRecord(sent, ISSUER, { ...record, ...changed });
    return undefined;
  } catch (error) {
    if (error instanceof AnchoringRefusedError) return error;
    throw error;
  }
}

describe("checkAnchoredRecord (the service publishes only what it sent)", () => {
  it("accepts the record that is exactly what was sent, addresses in any case", () => {
    expect(refusal({ issuerId: ISSUER.toLowerCase(), signer: KEY.toLowerCase() })).to.equal(undefined);
  });

  it("refuses a record by another key of the issuer: ANCHOR_ROOT_TAKEN", () => {
    expect(refusal({ signer: OTHER })).to.include({ code: "ANCHOR_ROOT_TAKEN" });
  });

  for (const [field, changed] of [
    ["issuerId", { issuerId: OTHER }],
    ["count", { count: 4 }],
    ["manifestCid", { manifestCid: "QmOther" }],
  ] as const) {
    it(`refuses a record with another ${field}: ANCHOR_RECORD_MISMATCH naming the field`, () => {
      const error = refusal(changed);
      expect(error).to.include({ code: "ANCHOR_RECORD_MISMATCH" });
      expect(error?.details).to.include({ field });
    });
  }
});
