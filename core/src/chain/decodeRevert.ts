import { contractInterface } from "./contractInterface";
import type { DecodedRevert } from "./DecodedRevert";


function decodeData(data: unknown): DecodedRevert | undefined {
  if (typeof data !== "string" || data.length < 10) return undefined;
  let parsed;
  try {
    parsed = contractInterface("errors").parseError(data);
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  return withInner({ name: parsed.name, args: [...parsed.args] });
}

function withInner(revert: DecodedRevert): DecodedRevert {
  if (revert.name !== "IssuerRegistryProposalFailed") return revert;
  const inner = decodeData(revert.args[1]);
  return inner === undefined ? revert : { ...revert, inner };
}

interface EthersLikeError {
  revert?: { name?: unknown; args?: unknown };
  data?: unknown;
  info?: { error?: { data?: unknown } };
  error?: { data?: unknown };
}

/**
 * The custom error a call or transaction of the registry or the anchor reverted with, or undefined when the error
 * is not a decodable revert (an unreachable chain, a timeout, a revert without data). Reads what ethers attached
 * (`error.revert`, decoded against one contract) and the raw revert data wherever a provider put it (`error.data`,
 * `error.info.error.data` from a JSON-RPC error, `error.error.data`), so it works for any contract object or none.
 */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as EthersLikeError;
  for (const data of [candidate.data, candidate.info?.error?.data, candidate.error?.data]) {
    const decoded = decodeData(data);
    if (decoded !== undefined) return decoded;
  }
  const { revert } = candidate;
  if (revert !== undefined && typeof revert.name === "string" && Array.isArray(revert.args)) {
    return withInner({ name: revert.name, args: [...(revert.args as unknown[])] });
  }
  return undefined;
}
