import { getAddress } from "ethers";

/**
 * The EIP-55 spelling of each address seen lately: a batch names the same few addresses (issuer, signer, anchor) in
 * every one of its credentials, and each checksum costs a Keccak and a string rebuild. Bounded so that input with
 * endless distinct addresses cannot grow it without limit; an address that is not one is never remembered.
 */
const checksummed = new Map<string, string>();
const MAX_ADDRESSES = 1024;

/** ethers' `getAddress`, remembered: the checksummed address, or the same error for anything that is not one. */
export function checksumAddress(address: string): string {
  let result = checksummed.get(address);
  if (result === undefined) {
    result = getAddress(address);
    if (checksummed.size >= MAX_ADDRESSES) checksummed.clear();
    checksummed.set(address, result);
  }
  return result;
}
