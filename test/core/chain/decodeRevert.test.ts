import { expect } from "chai";
import { Interface, Wallet, makeError } from "ethers";
import { createChainWriter } from "../../../core/src/chain/createChainWriter";
import { decodeRevert } from "../../../core/src/chain/decodeRevert";
import { formatRevert } from "../../../core/src/chain/formatRevert";
import { credentialAnchorAbi, issuerRegistryAbi } from "../../../core/src/generated/abis";
import { startDeployedChain, type DeployedChain } from "./helpers/deployedChain";

const UNKNOWN_ROOT = `0x${"ab".repeat(32)}`;
const anchorInterface = new Interface(credentialAnchorAbi);
const registryInterface = new Interface(issuerRegistryAbi);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the chain to refuse");
}

describe("decodeRevert", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let node: DeployedChain;
  before(async () => {
    node = await startDeployedChain();
  });
  after(async () => node?.stop());

  it("decodes a revert of a raw eth_call (data on the error, no contract object involved)", async () => {
    const error = await rejection(node.provider.call({ to: node.deployment.anchor, data: anchorInterface.encodeFunctionData("batch", [node.admin.address, UNKNOWN_ROOT]) }));
    expect(decodeRevert(error)).to.deep.equal({ name: "CredentialAnchorBatchMissing", args: [node.admin.address, UNKNOWN_ROOT] });
  });

  it("decodes a refused transaction (gas estimation revert) of the writer", async () => {
    const writer = createChainWriter(node.admin, node.deployment);
    const error = await rejection(writer.revokeBatch(node.admin.address, UNKNOWN_ROOT, 0, ""));
    const revert = decodeRevert(error);
    expect(revert?.name).to.equal("CredentialAnchorBatchMissing");
    expect(formatRevert(revert!)).to.equal(`CredentialAnchorBatchMissing(${node.admin.address}, ${UNKNOWN_ROOT})`);
  });

  it("decodes the revert a proposal would meet, which writer.propose refuses before proposing", async () => {
    const writer = createChainWriter(node.admin, node.deployment);
    const stranger = Wallet.createRandom().address;
    const revert = decodeRevert(await rejection(writer.propose({ function: "suspend", args: [stranger, 1] })));
    expect(revert).to.deep.equal({ name: "IssuerRegistryIssuerMissing", args: [stranger] });
  });

  it("decodes the revert a failed governance proposal wraps", async () => {
    const writer = createChainWriter(node.admin, node.deployment);
    const stranger = Wallet.createRandom().address;
    // Two proposals that each pass the simulation; once the first runs, the second fails at execution.
    const accredit = { function: "accredit", args: [stranger, "Twice University", "兩次大學", ""] } as const;
    const { proposalId: first } = await writer.propose({ ...accredit, args: [...accredit.args] });
    const { proposalId } = await writer.propose({ ...accredit, args: [...accredit.args] });
    await (await writer.execute(first)).wait();
    const revert = decodeRevert(await rejection(writer.execute(proposalId)));
    expect(revert?.name).to.equal("IssuerRegistryProposalFailed");
    expect(revert?.args[0]).to.equal(proposalId);
    expect(revert?.inner?.name).to.match(/^IssuerRegistry/);
    expect(formatRevert(revert!)).to.match(/^IssuerRegistryProposalFailed\(\d+, 0x[0-9a-f]+\): IssuerRegistry\w+\(/);
  });

  it("reads revert data a JSON-RPC error nests under info.error.data", () => {
    const data = registryInterface.encodeErrorResult("IssuerRegistryNotMember", [node.admin.address]);
    expect(decodeRevert({ code: "UNKNOWN_ERROR", info: { error: { code: 3, message: "execution reverted", data } } })).to.deep.equal({
      name: "IssuerRegistryNotMember",
      args: [node.admin.address],
    });
  });

  it("uses ethers' own decoding when no raw data is attached", () => {
    expect(decodeRevert({ revert: { name: "CredentialAnchorZeroRoot", args: [] } })).to.deep.equal({ name: "CredentialAnchorZeroRoot", args: [] });
  });

  it("is undefined for anything that is not a decodable revert", () => {
    expect(decodeRevert(makeError("timeout", "TIMEOUT", { operation: "request", reason: "timeout" }))).to.equal(undefined);
    expect(decodeRevert({ data: "0xdeadbeef00" })).to.equal(undefined);
    expect(decodeRevert({ data: "0x" })).to.equal(undefined);
    expect(decodeRevert(null)).to.equal(undefined);
    expect(decodeRevert("execution reverted")).to.equal(undefined);
  });
});
