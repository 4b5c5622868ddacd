import { expect } from "chai";
import { RevocationReason } from "../../core/src/chain/ChainReader";
import type { Credential } from "../../core/src/Credential";
import { digestCredential } from "../../core/src/digestCredential";
import type { SignedBatch } from "../../core/src/signBatch";
import { ANCHORED_AT, HARBOUR_KEY, chainWith, check, failures, issueBatch, record, verify } from "./helpers";
import { batchKey, leafKey, type FakeChain } from "../core/helpers/fakeChain";

/** The event happens one day after anchoring; verification at one second before and at the event itself and later. */
const EVENT = ANCHORED_AT + 86_400;
const oneSecondBefore = new Date((EVENT - 1) * 1000);
const atEvent = new Date(EVENT * 1000);
const later = new Date((EVENT + 365 * 86_400) * 1000);

describe("security: credential status over time (--at before and after each event)", function () {
  this.timeout(60_000);
  let batch: SignedBatch;
  let credential: Credential;
  let chain: FakeChain;

  before(async () => {
    batch = await issueBatch({ records: [record(0, { awardDate: "2026-06-30", validUntil: "2031-06-30" }), record(1), record(2)] });
  });
  beforeEach(() => {
    credential = batch.credentials[0]!;
    chain = chainWith(batch);
  });

  const revoke = (reasonCode: RevocationReason, reason: string) =>
    chain.credentialRevocations.set(leafKey(HARBOUR_KEY.address, batch.root, digestCredential(credential).leaf), {
      revokedAt: EVENT,
      reasonCode,
      revokedBy: HARBOUR_KEY.address,
      reason,
    });

  async function expectTimeline(code: string) {
    expect((await verify(chain, credential, oneSecondBefore)).status, "one second before the event").to.equal("VALID");
    for (const at of [atEvent, later, undefined]) {
      const report = await verify(chain, credential, at);
      expect(report.status, `at ${at?.toISOString() ?? "now"}`).to.equal("INVALID");
      expect(failures(report)).to.deep.equal([`STATUS:${code}`]);
    }
  }

  it("a revoked credential is INVALID from its revocation time on, VALID --at any moment before", async () => {
    revoke(RevocationReason.AcademicMisconduct, "degree withdrawn by senate");
    await expectTimeline("STATUS_REVOKED");
    expect(check(await verify(chain, credential), "STATUS")?.data).to.include({ reason: "degree withdrawn by senate", reasonCode: "AcademicMisconduct" });
    // Only this credential: its batch-mates stay VALID.
    expect((await verify(chain, batch.credentials[1]!)).status).to.equal("VALID");
  });

  it("a revoked batch makes each of its credentials INVALID from the revocation time on, VALID --at before", async () => {
    chain.batchRevocations.set(batchKey(HARBOUR_KEY.address, batch.root), { revokedAt: EVENT, reasonCode: RevocationReason.KeyCompromise, revokedBy: HARBOUR_KEY.address, reason: "key stolen" });
    await expectTimeline("STATUS_BATCH_REVOKED");
    for (const other of batch.credentials) expect(failures(await verify(chain, other))).to.deep.equal(["STATUS:STATUS_BATCH_REVOKED"]);
  });

  it("a superseded credential names its replacement from the supersession on, VALID --at before", async () => {
    revoke(RevocationReason.Superseded, "urn:uuid:0d4c1d1e-7c3b-4d2a-9a8e-6b5f4e3d2c1b");
    await expectTimeline("STATUS_SUPERSEDED");
    expect(check(await verify(chain, credential), "STATUS")?.data).to.include({ supersededBy: "urn:uuid:0d4c1d1e-7c3b-4d2a-9a8e-6b5f4e3d2c1b" });
  });

  it("an expired credential is INVALID after validUntil, VALID --at its last second, and not yet valid before validFrom", async () => {
    const lastSecond = new Date(Date.parse(credential.validUntil!));
    expect(credential.validUntil).to.equal("2031-06-30T23:59:59Z");
    expect((await verify(chain, credential, lastSecond)).status).to.equal("VALID");
    const afterExpiry = await verify(chain, credential, new Date(lastSecond.getTime() + 1000));
    expect(failures(afterExpiry)).to.deep.equal(["EXPIRY:EXPIRY_EXPIRED"]);
    // Before validFrom the batch was not even anchored: both say so.
    const early = await verify(chain, credential, new Date(Date.parse(credential.validFrom) - 1000));
    expect(failures(early)).to.include.members(["EXPIRY:EXPIRY_NOT_YET_VALID"]);
  });

  it("--at a moment before the anchoring is never VALID (a batch cannot vouch for the past)", async () => {
    const report = await verify(chain, credential, new Date((ANCHORED_AT - 1) * 1000));
    expect(report.status).to.equal("INVALID");
    expect(check(report, "ANCHOR")?.code).to.equal("ANCHOR_NOT_YET");
  });
});
