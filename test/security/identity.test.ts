import { expect } from "chai";
import type { Credential } from "../../core/src/Credential";
import { AccreditationStatus } from "../../core/src/chain/ChainReader";
import type { SignedBatch } from "../../core/src/signBatch";
import {
  ANCHORED_AT, HARBOUR, HARBOUR_KEY, LIONROCK, LIONROCK_KEY, ROGUE_KEY,
  anchor, chainWith, check, clone, failures, issueBatch, verify,
} from "./helpers";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The other valid ECDSA signature of the same digest: s → n − s, v flipped. */
function highSTwin(signature: string): string {
  const r = signature.slice(2, 66);
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = parseInt(signature.slice(130), 16);
  return `0x${r}${(N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}`;
}

describe("security: issuer identity and signatures", function () {
  this.timeout(60_000);
  let harbourBatch: SignedBatch;

  before(async () => {
    harbourBatch = await issueBatch();
  });

  it("a batch signed by a never-accredited key is not VALID: nothing anchors it, and the registry does not know it", async () => {
    const rogue = await issueBatch({ issuer: ROGUE_KEY, names: { nameEn: "Rogue Institute", nameZh: "流氓學院", domain: "rogue.example" } });
    const chain = chainWith(harbourBatch);
    const notAnchored = await verify(chain, rogue.credentials[0]!);
    expect(notAnchored.status).to.equal("INVALID");
    expect(check(notAnchored, "SIGNATURE")?.status).to.equal("VALID"); // a self-made signature is easy...
    expect(check(notAnchored, "ANCHOR")?.code).to.equal("ANCHOR_NOT_FOUND"); // ...the contract refuses its anchoring.
    // Even if the root were on chain (a contract bug), the registry would not vouch for the key.
    anchor(chain, rogue, ROGUE_KEY);
    const anchored = await verify(chain, rogue.credentials[0]!);
    expect(anchored.status).to.equal("INVALID");
    expect(check(anchored, "ISSUER")?.code).to.equal("ISSUER_UNKNOWN");
  });

  it("a never-accredited key signing in Harbour's name is refused: not Harbour's key at anchoring time", async () => {
    const forged = await issueBatch({ issuer: HARBOUR_KEY, signer: ROGUE_KEY });
    const chain = chainWith(harbourBatch);
    expect(check(await verify(chain, forged.credentials[0]!), "ANCHOR")?.code).to.equal("ANCHOR_NOT_FOUND");
    anchor(chain, forged, ROGUE_KEY);
    const report = await verify(chain, forged.credentials[0]!);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "ISSUER")?.code).to.equal("ISSUER_KEY_NOT_AUTHORISED");
  });

  it("a rotated-out key: batches anchored inside its window stay VALID, one anchored after the window closed is not", async () => {
    const chain = chainWith();
    const rotatedAt = ANCHORED_AT;
    chain.keys.set(HARBOUR_KEY.address.toLowerCase(), { issuerId: HARBOUR_KEY.address, from: 1, until: rotatedAt });
    const before = await issueBatch();
    const after = await issueBatch();
    anchor(chain, before, HARBOUR_KEY, rotatedAt - 1);
    anchor(chain, after, HARBOUR_KEY, rotatedAt);
    expect((await verify(chain, before.credentials[0]!)).status).to.equal("VALID");
    const report = await verify(chain, after.credentials[0]!);
    expect(report.status).to.equal("INVALID");
    expect(failures(report)).to.deep.equal(["ISSUER:ISSUER_KEY_NOT_AUTHORISED"]);
  });

  it("a suspended issuer: a batch anchored at or after the suspension time fails, one anchored before stays VALID, in any --at", async () => {
    const chain = chainWith();
    const suspendedAt = ANCHORED_AT;
    chain.statuses.set(HARBOUR_KEY.address.toLowerCase(), [
      { status: AccreditationStatus.Accredited, from: 1 },
      { status: AccreditationStatus.Suspended, from: suspendedAt },
    ]);
    const before = await issueBatch();
    const after = await issueBatch();
    anchor(chain, before, HARBOUR_KEY, suspendedAt - 1);
    anchor(chain, after, HARBOUR_KEY, suspendedAt);
    expect((await verify(chain, before.credentials[0]!)).status).to.equal("VALID");
    for (const at of [undefined, new Date((suspendedAt + 10) * 1000)]) {
      const report = await verify(chain, after.credentials[0]!, at);
      expect(report.status).to.equal("INVALID");
      expect(check(report, "ISSUER")?.code).to.be.oneOf(["ISSUER_NOT_ACCREDITED", "ISSUER_KEY_NOT_AUTHORISED"]);
    }
  });

  it("a signature replayed on another chain id fails (the EIP-712 domain binds chainId)", async () => {
    const forged = clone(harbourBatch.credentials[0]!) as Credential;
    forged.proof.chainId = 1;
    forged.issuer.id = `did:pkh:eip155:1:${HARBOUR_KEY.address}`;
    const report = await verify(chainWith(harbourBatch), forged);
    expect(report.status).to.equal("INVALID");
    expect(failures(report)).to.include.members(["SIGNATURE:SIGNATURE_SIGNER_MISMATCH", "ANCHOR:ANCHOR_WRONG_CHAIN"]);
    // The same batch legitimately signed for chain 1 does not verify against this chain either.
    const otherChain = await issueBatch({ chainId: 1 });
    const replayed = await verify(chainWith(harbourBatch), otherChain.credentials[0]!);
    expect(check(replayed, "ANCHOR")?.code).to.equal("ANCHOR_WRONG_CHAIN");
  });

  it("a signature replayed under another contract fails (the EIP-712 domain binds verifyingContract)", async () => {
    const otherContract = await issueBatch({ anchor: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" });
    const report = await verify(chainWith(harbourBatch), otherContract.credentials[0]!);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "ANCHOR")?.code).to.equal("ANCHOR_WRONG_CONTRACT");
    const moved = clone(otherContract.credentials[0]!) as Credential;
    moved.proof.anchor = harbourBatch.credentials[0]!.proof.anchor;
    expect(check(await verify(chainWith(harbourBatch), moved), "SIGNATURE")?.code).to.equal("SIGNATURE_SIGNER_MISMATCH");
  });

  it("the malleable high-s twin of a valid signature is rejected although it recovers the same key", async () => {
    const forged = clone(harbourBatch.credentials[0]!) as Credential;
    forged.proof.signature = highSTwin(forged.proof.signature);
    expect(forged.proof.signature).to.not.equal(harbourBatch.signature);
    const report = await verify(chainWith(harbourBatch), forged);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "SIGNATURE")?.code).to.equal("SIGNATURE_MALFORMED");
  });

  it("an issuer cannot present itself under another issuer's names or id", async () => {
    const chain = chainWith();
    // Lion Rock issues, signs and anchors with its own key but writes Harbour's names into the credentials.
    const borrowedNames = await issueBatch({ issuer: LIONROCK_KEY, names: HARBOUR });
    anchor(chain, borrowedNames, LIONROCK_KEY);
    const report = await verify(chain, borrowedNames.credentials[0]!);
    expect(report.status).to.equal("INVALID");
    expect(failures(report)).to.deep.equal(["ISSUER:ISSUER_NAME_MISMATCH"]);
    // Lion Rock claims Harbour's id outright: its key is not Harbour's.
    const borrowedId = await issueBatch({ issuer: HARBOUR_KEY, signer: LIONROCK_KEY });
    anchor(chain, borrowedId, LIONROCK_KEY);
    const idReport = await verify(chain, borrowedId.credentials[0]!);
    expect(idReport.status).to.equal("INVALID");
    expect(check(idReport, "ISSUER")?.code).to.equal("ISSUER_KEY_NOT_AUTHORISED");
    // And rewriting the visible issuer id of a genuine Lion Rock credential to Harbour's breaks the signature.
    const genuine = await issueBatch({ issuer: LIONROCK_KEY, names: LIONROCK });
    anchor(chain, genuine, LIONROCK_KEY);
    expect((await verify(chain, genuine.credentials[0]!)).status).to.equal("VALID");
    const relabelled = clone(genuine.credentials[0]!) as Credential;
    relabelled.issuer.id = `did:pkh:eip155:31337:${HARBOUR_KEY.address}`;
    expect(failures(await verify(chain, relabelled))).to.include("SIGNATURE:SIGNATURE_ISSUER_MISMATCH");
  });

  it("LIMIT (documented, not prevented): a lying RPC endpoint can make a self-signed forgery verify; the verifier trusts the node it reads", async () => {
    const rogue = await issueBatch({ issuer: ROGUE_KEY, names: HARBOUR });
    const honest = chainWith(harbourBatch);
    expect((await verify(honest, rogue.credentials[0]!)).status).to.equal("INVALID");
    // The same file against a node that answers what the forger wants: registry entry, key and anchored root.
    const lying = chainWith(harbourBatch);
    lying.issuers.set(ROGUE_KEY.address.toLowerCase(), { ...HARBOUR, accreditedAt: 1 });
    lying.statuses.set(ROGUE_KEY.address.toLowerCase(), [{ status: AccreditationStatus.Accredited, from: 1 }]);
    lying.keys.set(ROGUE_KEY.address.toLowerCase(), { issuerId: ROGUE_KEY.address, from: 1, until: 0 });
    anchor(lying, rogue, ROGUE_KEY);
    expect((await verify(lying, rogue.credentials[0]!)).status).to.equal("VALID");
  });
});
