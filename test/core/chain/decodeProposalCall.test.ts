import { expect } from "chai";
import { Interface } from "ethers";
import { decodeProposalCall } from "../../../core/src/chain/decodeProposalCall";
import { encodeRegistryCall } from "../../../core/src/chain/encodeRegistryCall";
import { credentialAnchorAbi } from "../../../core/src/generated/abis";

const DEPLOYMENT = { registry: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", anchor: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
const ISSUER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("decodeProposalCall", () => {
  it("decodes a registry call with its parameter names, whatever the target's letter case", () => {
    const data = encodeRegistryCall({ function: "suspend", args: [ISSUER, 1_800_000_000n] });
    expect(decodeProposalCall(DEPLOYMENT, DEPLOYMENT.registry.toLowerCase(), data)).to.deep.equal({
      contract: "registry",
      function: "suspend",
      args: [
        { name: "issuerId", value: ISSUER },
        { name: "effectiveFrom", value: 1_800_000_000n },
      ],
    });
  });

  it("decodes a call to the anchor (a governance revocation)", () => {
    const root = `0x${"ab".repeat(32)}`;
    const issuerId = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const data = new Interface(credentialAnchorAbi).encodeFunctionData("revokeBatch", [issuerId, root, 1, "key compromise"]);
    const call = decodeProposalCall(DEPLOYMENT, DEPLOYMENT.anchor, data);
    expect(call?.contract).to.equal("anchor");
    expect(call?.function).to.equal("revokeBatch");
    expect(call?.args.map((arg) => arg.name)).to.have.lengthOf(4);
    expect(call?.args[0]?.value).to.equal(issuerId);
    expect(call?.args[1]?.value).to.equal(root);
  });

  it("leaves a call to any other contract undecoded", () => {
    const data = encodeRegistryCall({ function: "setThreshold", args: [2] });
    expect(decodeProposalCall(DEPLOYMENT, ISSUER, data)).to.equal(undefined);
  });

  it("leaves unknown selectors and truncated arguments undecoded instead of throwing", () => {
    expect(decodeProposalCall(DEPLOYMENT, DEPLOYMENT.registry, "0xdeadbeef")).to.equal(undefined);
    const truncated = encodeRegistryCall({ function: "suspend", args: [ISSUER, 1n] }).slice(0, 20);
    expect(decodeProposalCall(DEPLOYMENT, DEPLOYMENT.registry, truncated)).to.equal(undefined);
  });
});
