import { expect } from "chai";
import { makeError } from "ethers";
import { isRpcFailure } from "../../../core/src/chain/isRpcFailure";
import { ChainError } from "../../../core/src/errors";

describe("isRpcFailure", () => {
  it("is true when the chain could not be asked", () => {
    expect(isRpcFailure(makeError("timeout", "TIMEOUT", { operation: "request", reason: "timeout" }))).to.equal(true);
    expect(isRpcFailure(new Error("connect ECONNREFUSED 127.0.0.1:1"))).to.equal(true);
    expect(isRpcFailure(new ChainError("Chain read failed: batch", { code: "CHAIN_UNREACHABLE" }))).to.equal(true);
  });

  it("is false when the chain answered no", () => {
    expect(isRpcFailure(makeError("reverted", "CALL_EXCEPTION", { action: "call", data: "0x", reason: null, transaction: { to: null, data: "0x" }, invocation: null, revert: null }))).to.equal(false);
    expect(isRpcFailure(makeError("poor", "INSUFFICIENT_FUNDS", { transaction: {} }))).to.equal(false);
    expect(isRpcFailure(new ChainError("Chain read failed: batch", { code: "CHAIN_READ_FAILED" }))).to.equal(false);
  });
});
