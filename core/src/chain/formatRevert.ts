import type { DecodedRevert } from "./DecodedRevert";

/** A decoded revert as one line, `Name(arg, …)`, with a failed proposal's inner revert after a colon. */
export function formatRevert(revert: DecodedRevert): string {
  const own = `${revert.name}(${revert.args.map(String).join(", ")})`;
  return revert.inner === undefined ? own : `${own}: ${formatRevert(revert.inner)}`;
}
