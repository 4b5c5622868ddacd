import { keccak256Hex } from "../keccak256";
import type { AbiFragment, AbiParameter } from "./AbiParameter";

function canonicalType(parameter: AbiParameter): string {
  if (!parameter.type.startsWith("tuple")) return parameter.type;
  return `(${(parameter.components ?? []).map(canonicalType).join(",")})${parameter.type.slice("tuple".length)}`;
}

/** The 4-byte selector of a function or custom error (`0x` and 8 hex digits): Keccak of its canonical signature. */
export function abiSelector(fragment: AbiFragment): string {
  const signature = `${fragment.name ?? ""}(${(fragment.inputs ?? []).map(canonicalType).join(",")})`;
  return keccak256Hex(new TextEncoder().encode(signature)).slice(0, 10);
}
