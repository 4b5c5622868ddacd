import { expect } from "chai";
import { Signature, TypedDataEncoder, Wallet, keccak256, toUtf8Bytes, AbiCoder, concat } from "ethers";
import { batchTypedData, recoverBatchSigner } from "../../core/src/batchTypedData";
import { BaseError } from "../../core/src/errors";

const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ROOT = `0x${"ab".repeat(32)}`;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

async function signedProof() {
  const data = batchTypedData({ chainId: 31337, anchor: ANCHOR, issuer: wallet.address, root: ROOT, count: 5 });
  const signature = await wallet.signTypedData(data.domain, data.types, data.message);
  return { chainId: 31337, anchor: ANCHOR, issuer: wallet.address, merkleRoot: ROOT, batchSize: 5, signature };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(BaseError);
    return (error as BaseError).code;
  }
}

describe("batchTypedData", () => {
  it("hashes as the contract's Batch(address issuer,bytes32 root,uint256 count) under the CredAnchor domain", () => {
    const data = batchTypedData({ chainId: 31337, anchor: ANCHOR.toLowerCase(), issuer: wallet.address, root: ROOT, count: 5 });
    expect(data.primaryType).to.equal("Batch");
    expect(data.domain.verifyingContract).to.equal(ANCHOR);
    const coder = AbiCoder.defaultAbiCoder();
    const domainSeparator = keccak256(coder.encode(["bytes32", "bytes32", "bytes32", "uint256", "address"], [
      keccak256(toUtf8Bytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
      keccak256(toUtf8Bytes("CredAnchor")), keccak256(toUtf8Bytes("2")), 31337, ANCHOR,
    ]));
    const structHash = keccak256(coder.encode(["bytes32", "address", "bytes32", "uint256"], [
      keccak256(toUtf8Bytes("Batch(address issuer,bytes32 root,uint256 count)")), wallet.address, ROOT, 5,
    ]));
    expect(TypedDataEncoder.hash(data.domain, data.types, data.message)).to.equal(keccak256(concat(["0x1901", domainSeparator, structHash])));
  });

  it("recovers the signer", async () => {
    expect(recoverBatchSigner(await signedProof())).to.equal(wallet.address);
    const other = { ...(await signedProof()), batchSize: 6 };
    expect(recoverBatchSigner(other)).not.to.equal(wallet.address);
  });

  it("rejects high-s, bad v and malformed signatures", async () => {
    const proof = await signedProof();
    const signature = Signature.from(proof.signature);
    const highS = `0x${proof.signature.slice(2, 66)}${(N - BigInt(signature.s)).toString(16).padStart(64, "0")}${signature.v === 27 ? "1c" : "1b"}`;
    expect(codeOf(() => recoverBatchSigner({ ...proof, signature: highS }))).to.equal("SIGNATURE_MALFORMED");
    expect(codeOf(() => recoverBatchSigner({ ...proof, signature: `${proof.signature.slice(0, 130)}00` }))).to.equal("SIGNATURE_MALFORMED");
    expect(codeOf(() => recoverBatchSigner({ ...proof, signature: "0x" }))).to.equal("SIGNATURE_MALFORMED");
    expect(codeOf(() => recoverBatchSigner({ ...proof, signature: proof.signature.toUpperCase().replace("0X", "0x") }))).to.equal("SIGNATURE_MALFORMED");
    expect(codeOf(() => recoverBatchSigner({ ...proof, signature: `0x${"00".repeat(64)}1b` }))).to.equal("SIGNATURE_MALFORMED");
  });
});
