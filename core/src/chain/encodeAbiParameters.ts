import { concatBytes, hexToBytes } from "../hex";
import type { AbiParameter } from "./AbiParameter";
import { abiLayout } from "./abiLayout";

function uintWord(value: bigint): Uint8Array {
  if (value < 0n || value >> 256n !== 0n) throw new RangeError(`not a uint256: ${value}`);
  const out = new Uint8Array(32);
  for (let i = 31, rest = value; rest > 0n; i--, rest >>= 8n) out[i] = Number(rest & 0xffn);
  return out;
}

function padRight(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 32) * 32);
  out.set(bytes);
  return out;
}

function list(parameters: readonly AbiParameter[], values: readonly unknown[]): Uint8Array {
  if (values.length !== parameters.length) throw new RangeError(`${values.length} values for ${parameters.length} parameters`);
  const heads: Uint8Array[] = [];
  const tails: Uint8Array[] = [];
  let tailOffset = parameters.reduce((sum, parameter) => sum + abiLayout.headSize(parameter), 0);
  parameters.forEach((parameter, i) => {
    const encoded = one(parameter, values[i]);
    if (abiLayout.isDynamic(parameter)) {
      heads.push(uintWord(BigInt(tailOffset)));
      tails.push(encoded);
      tailOffset += encoded.length;
    } else {
      heads.push(encoded);
    }
  });
  return concatBytes(...heads, ...tails);
}

function one(parameter: AbiParameter, value: unknown): Uint8Array {
  const array = abiLayout.arrayOf(parameter);
  if (array !== undefined) {
    if (!Array.isArray(value)) throw new TypeError(`${parameter.name}: not an array`);
    const items = list(
      value.map(() => array.element),
      value,
    );
    return array.length === undefined ? concatBytes(uintWord(BigInt(value.length)), items) : items;
  }
  const { type } = parameter;
  if (type === "tuple") {
    const components = parameter.components ?? [];
    return list(
      components,
      components.map((component) => (value as Record<string, unknown>)[component.name]),
    );
  }
  if (type === "string" || type === "bytes") {
    const bytes = type === "string" ? new TextEncoder().encode(value as string) : hexToBytes(value as string);
    return concatBytes(uintWord(BigInt(bytes.length)), padRight(bytes));
  }
  if (type === "bool") return uintWord(value === true ? 1n : 0n);
  if (type === "address") {
    const bytes = hexToBytes(value as string);
    if (bytes.length !== 20) throw new TypeError(`${parameter.name}: not an address`);
    return concatBytes(new Uint8Array(12), bytes);
  }
  if (/^bytes\d+$/.test(type)) {
    const bytes = hexToBytes(value as string);
    if (bytes.length !== Number(type.slice(5))) throw new TypeError(`${parameter.name}: not ${type}`);
    return padRight(bytes);
  }
  const bits = /^uint(\d+)$/.exec(type)?.[1];
  if (bits !== undefined) {
    const number = BigInt(value as number | bigint);
    if (number >> BigInt(bits) !== 0n) throw new RangeError(`${parameter.name}: out of ${type}`);
    return uintWord(number);
  }
  throw new TypeError(`unsupported ABI type ${type}`);
}

/** ABI-encodes `values` as the parameters (a call's arguments): the inverse of `decodeAbiParameters`. */
export function encodeAbiParameters(parameters: readonly AbiParameter[], values: readonly unknown[]): Uint8Array {
  return list(parameters, values);
}
