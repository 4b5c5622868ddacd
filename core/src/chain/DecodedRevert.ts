/** A contract's custom error (or Solidity's Error/Panic) decoded from a reverted call or transaction. */
export interface DecodedRevert {
  name: string;
  args: readonly unknown[];
  /** For `IssuerRegistryProposalFailed`: the revert of the call the proposal made, when it can be decoded. */
  inner?: DecodedRevert;
}
