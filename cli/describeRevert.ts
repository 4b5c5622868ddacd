import type { Interface } from "ethers";

/** The custom error a transaction or call reverted with, as `Name(arg, …)`, or undefined if it did not revert. */
export function describeRevert(error: unknown, contractInterface: Interface): string | undefined {
  const data = (error as { data?: unknown; info?: { error?: { data?: unknown } } } | null)?.data
    ?? (error as { info?: { error?: { data?: unknown } } } | null)?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) {
    const parsed = contractInterface.parseError(data);
    if (parsed) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
  }
  const revert = (error as { revert?: { name: string; args: unknown[] } } | null)?.revert;
  if (revert) return `${revert.name}(${revert.args.map(String).join(", ")})`;
  if ((error as { code?: string } | null)?.code === "CALL_EXCEPTION") return "execution reverted";
  return undefined;
}
