import { expect } from "chai";
import { AbiCoder, getAddress, hexlify, Interface, ParamType } from "ethers";
import fc from "fast-check";
import { abiSelector } from "../../../core/src/chain/abiSelector";
import type { AbiParameter } from "../../../core/src/chain/AbiParameter";
import { decodeAbiParameters } from "../../../core/src/chain/decodeAbiParameters";
import { encodeAbiParameters } from "../../../core/src/chain/encodeAbiParameters";
import { ChainError } from "../../../core/src/errors";
import { bytesToHex, hexToBytes } from "../../../core/src/hex";
import { credentialAnchorAbi, credentialLensAbi, issuerRegistryAbi } from "../../../core/src/generated/abis";

const coder = AbiCoder.defaultAbiCoder();
const REVOCATION: AbiParameter = {
  type: "tuple",
  name: "revocation",
  components: [
    { type: "uint64", name: "revokedAt" },
    { type: "uint8", name: "reasonCode" },
    { type: "address", name: "revokedBy" },
    { type: "string", name: "reason" },
  ],
};
// The shapes the verification reads return and take: a struct with strings, an array of them, scalars, bytes32[].
const PARAMETERS: AbiParameter[] = [
  { type: "bool", name: "anchored" },
  REVOCATION,
  { type: "tuple[]", name: "revocations", components: REVOCATION.components },
  { type: "bytes32[]", name: "leaves" },
  { type: "bytes32", name: "root" },
  { type: "bytes", name: "data" },
  { type: "uint256", name: "big" },
];

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(hexlify(bytes)));
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytesToHex(bytes));
const revocation = fc.record({
  revokedAt: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  reasonCode: fc.bigInt({ min: 0n, max: 255n }),
  revokedBy: address,
  reason: fc.string({ unit: "grapheme", maxLength: 40 }),
});
const values = fc.tuple(
  fc.boolean(),
  revocation,
  fc.array(revocation, { maxLength: 4 }),
  fc.array(bytes32, { maxLength: 5 }),
  bytes32,
  fc.uint8Array({ maxLength: 70 }).map((bytes) => bytesToHex(bytes)),
  fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
);
const types = PARAMETERS.map((parameter) => ParamType.from(parameter));
const ordered = (value: { revokedAt: bigint; reasonCode: bigint; revokedBy: string; reason: string }) => [value.revokedAt, value.reasonCode, value.revokedBy, value.reason];
const forEthers = (v: typeof values extends fc.Arbitrary<infer T> ? T : never) => [v[0], ordered(v[1]), v[2].map(ordered), v[3], v[4], v[5], v[6]];

describe("core's ABI codec (the page's chain reader)", () => {
  it("encodes exactly as ethers' AbiCoder", () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(bytesToHex(encodeAbiParameters(PARAMETERS, v))).to.equal(coder.encode(types, forEthers(v)));
      }),
      { numRuns: 200 },
    );
  });

  it("decodes what ethers' AbiCoder encodes, addresses checksummed as ethers gives them", () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(decodeAbiParameters(PARAMETERS, hexToBytes(coder.encode(types, forEthers(v))))).to.deep.equal(v);
      }),
      { numRuns: 200 },
    );
  });

  it("names each function and custom error of the contracts by ethers' selector", () => {
    for (const abi of [credentialAnchorAbi, issuerRegistryAbi, credentialLensAbi]) {
      const contract = new Interface(abi);
      for (const fragment of abi.filter((entry) => entry.type === "function" || entry.type === "error")) {
        const expected = fragment.type === "function" ? contract.getFunction(fragment.name)?.selector : contract.getError(fragment.name)?.selector;
        expect(abiSelector(fragment), fragment.name).to.equal(expected);
      }
    }
  });

  it("refuses data that does not hold the values (CHAIN_READ_FAILED), as from an address without a contract", () => {
    const good = hexToBytes(coder.encode(types, forEthers([true, { revokedAt: 1n, reasonCode: 2n, revokedBy: getAddress(`0x${"1".repeat(40)}`), reason: "r" }, [], [], `0x${"0".repeat(64)}`, "0x", 5n])));
    for (const bad of [new Uint8Array(), good.subarray(0, good.length - 32), Uint8Array.from(good, (byte, i) => (i === 31 ? 2 : byte))]) {
      expect(() => decodeAbiParameters(PARAMETERS, bad)).to.throw(ChainError).with.property("code", "CHAIN_READ_FAILED");
    }
  });
});
