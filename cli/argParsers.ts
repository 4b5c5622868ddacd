import { InvalidArgumentError } from "commander";
import { getAddress, isAddress } from "ethers";

/**
 * Commander argument parsers shared by the commands: each checks one kind of value, names the argument or option
 * in its error, and returns the value in the form the contracts take.
 */

/** An Ethereum address, returned EIP-55 checksummed. */
export function parseAddress(name: string) {
  return (value: string): string => {
    if (!isAddress(value)) throw new InvalidArgumentError(`${name}: "${value}" is not an address`);
    return getAddress(value);
  };
}

/** An ISO date or date-time, returned as unix seconds (the registry compares against block timestamps). */
export function parseMoment(name: string) {
  return (value: string): number => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new InvalidArgumentError(`${name}: "${value}" is not an ISO date or date-time`);
    return Math.floor(ms / 1000);
  };
}

/** A positive whole number, returned as a bigint (a proposal id, a threshold). */
export function parsePositive(name: string) {
  return (value: string): bigint => {
    if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`${name} must be a positive whole number, got "${value}"`);
    return BigInt(value);
  };
}
