import { checksumAddress } from "../checksumAddress";
import { ChainError } from "../errors";
import { bytesToHex } from "../hex";
import type { AbiParameter } from "./AbiParameter";
import { abiLayout } from "./abiLayout";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Data that does not hold values of the expected types (e.g. `0x` from an address without a contract). */
function undecodable(what: string): ChainError {
  return new ChainError(`Cannot decode the chain's answer: ${what}`, { code: "CHAIN_READ_FAILED" });
}

function word(data: Uint8Array, at: number): Uint8Array {
  if (at < 0 || at + 32 > data.length) throw undecodable(`data too short: ${data.length} bytes, a word at ${at}`);
  return data.subarray(at, at + 32);
}

function uint(data: Uint8Array, at: number): bigint {
  let value = 0n;
  for (const byte of word(data, at)) value = (value << 8n) | BigInt(byte);
  return value;
}

/** An offset or length: a uint that must fit the data. */
function size(data: Uint8Array, at: number): number {
  const value = uint(data, at);
  if (value > BigInt(data.length)) throw undecodable(`offset or length ${value} beyond ${data.length} bytes`);
  return Number(value);
}

function list(parameters: readonly AbiParameter[], data: Uint8Array, base: number): unknown[] {
  let head = base;
  return parameters.map((parameter) => {
    const value = abiLayout.isDynamic(parameter) ? one(parameter, data, base + size(data, head)) : one(parameter, data, head);
    head += abiLayout.headSize(parameter);
    return value;
  });
}

function one(parameter: AbiParameter, data: Uint8Array, at: number): unknown {
  const array = abiLayout.arrayOf(parameter);
  if (array !== undefined) {
    const length = array.length ?? size(data, at);
    const start = array.length === undefined ? at + 32 : at;
    return list(Array.from({ length }, () => array.element), data, start);
  }
  const { type } = parameter;
  if (type === "tuple") {
    const components = parameter.components ?? [];
    const values = list(components, data, at);
    return Object.fromEntries(components.map((component, i) => [component.name, values[i]]));
  }
  if (type === "string" || type === "bytes") {
    const length = size(data, at);
    if (at + 32 + length > data.length) throw undecodable(`${type} of ${length} bytes beyond the data`);
    const bytes = data.subarray(at + 32, at + 32 + length);
    if (type === "bytes") return bytesToHex(bytes);
    try {
      return utf8.decode(bytes);
    } catch {
      throw undecodable("string is not UTF-8");
    }
  }
  const value = uint(data, at);
  if (type === "bool") {
    if (value > 1n) throw undecodable(`bool of value ${value}`);
    return value === 1n;
  }
  if (type === "address") {
    if (value >> 160n !== 0n) throw undecodable("address with dirty high bytes");
    return checksumAddress(bytesToHex(word(data, at).subarray(12)));
  }
  const bytesN = /^bytes(\d+)$/.exec(type);
  if (bytesN !== null) return bytesToHex(word(data, at).subarray(0, Number(bytesN[1])));
  const bits = /^uint(\d+)$/.exec(type)?.[1];
  if (bits !== undefined) {
    if (value >> BigInt(bits) !== 0n) throw undecodable(`${type} out of range`);
    return value;
  }
  throw undecodable(`unsupported ABI type ${type}`);
}

/**
 * The values ABI-encoded in `data` (a call's return data), one per parameter: tuples as objects keyed by component
 * name, arrays as arrays, uints as bigint, addresses EIP-55 checksummed (as ethers gives them). Covers the types the
 * contracts' read functions return; anything else, or data that does not fit, throws ChainError CHAIN_READ_FAILED.
 */
export function decodeAbiParameters(parameters: readonly AbiParameter[], data: Uint8Array): unknown[] {
  return list(parameters, data, 0);
}
