import type { AbiParameter } from "./AbiParameter";

/** `T[]` or `T[k]`: the element and the fixed length (undefined for a dynamic array); undefined for no array. */
function arrayOf(parameter: AbiParameter): { element: AbiParameter; length: number | undefined } | undefined {
  const match = /^(.*)\[(\d*)\]$/.exec(parameter.type);
  if (match === null) return undefined;
  const element = { ...parameter, type: match[1] as string };
  return { element, length: match[2] === "" ? undefined : Number(match[2]) };
}

/** Whether the value lives in the tail, its head holding only an offset (the ABI specification's "dynamic" types). */
function isDynamic(parameter: AbiParameter): boolean {
  if (parameter.type === "string" || parameter.type === "bytes") return true;
  const array = arrayOf(parameter);
  if (array !== undefined) return array.length === undefined || isDynamic(array.element);
  if (parameter.type === "tuple") return (parameter.components ?? []).some(isDynamic);
  return false;
}

/** Bytes a value takes in the head of its enclosing tuple. */
function headSize(parameter: AbiParameter): number {
  if (isDynamic(parameter)) return 32;
  const array = arrayOf(parameter);
  if (array !== undefined) return (array.length ?? 0) * headSize(array.element);
  if (parameter.type === "tuple") return (parameter.components ?? []).reduce((sum, component) => sum + headSize(component), 0);
  return 32;
}

/** How the Solidity ABI lays a parameter out, shared by `encodeAbiParameters` and `decodeAbiParameters`. */
export const abiLayout = { arrayOf, isDynamic, headSize };
