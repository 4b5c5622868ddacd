import { expect } from "chai";
import { Wallet } from "ethers";
import { recoverBatchSigner } from "../../core/src/batchTypedData";
import { buildCredential } from "../../core/src/buildCredential";
import { Credential } from "../../core/src/Credential";
import { BaseError } from "../../core/src/errors";
import { signBatch } from "../../core/src/signBatch";
import { wrapBatch } from "../../core/src/wrapBatch";
import { ISSUER, RECORD } from "./helpers/records";

const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const CONTEXT = { chainId: 31337, anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3", issuer: ISSUER.id, signer: wallet.address };

describe("signBatch", () => {
  it("signs once and puts the signature in every credential", async () => {
    const batch = wrapBatch([buildCredential(RECORD, ISSUER), buildCredential(RECORD, ISSUER)], CONTEXT);
    const signed = await signBatch(batch, wallet);
    expect(signed.signature).to.match(/^0x[0-9a-f]{130}$/);
    for (const credential of signed.credentials) {
      expect(credential.proof.signature).to.equal(signed.signature);
      expect(Credential.safeParse(credential).success).to.equal(true);
      expect(recoverBatchSigner(credential.proof)).to.equal(wallet.address);
    }
    expect(batch.credentials[0]?.proof.signature).to.equal("0x");
  });

  it("refuses a signature by another key", async () => {
    const batch = wrapBatch([buildCredential(RECORD, ISSUER)], CONTEXT);
    const other = Wallet.createRandom();
    let error: unknown;
    try {
      await signBatch(batch, other);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(BaseError).with.property("code", "SIGN_SIGNER_MISMATCH");
  });
});
