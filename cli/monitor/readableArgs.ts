import { AccreditationStatus, REVOCATION_REASON_NAMES } from "@credanchor/core/protocol";

const TIMES = new Set(["effectiveFrom", "validFrom", "validUntil", "expiresAt"]);

/**
 * An event's arguments as an operator reads them: unix times as ISO dates (0 in a key window: open-ended), status
 * and revocation reason codes by name. Only the arguments that change are returned.
 */
export function readableArgs(event: string, args: Record<string, string>): Record<string, string> {
  const readable: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (TIMES.has(name)) readable[name] = value === "0" && event.startsWith("SigningKey") ? "open-ended" : new Date(Number(value) * 1000).toISOString();
    else if (name === "status") readable[name] = AccreditationStatus[Number(value)] ?? value;
    else if (name === "reasonCode") readable[name] = REVOCATION_REASON_NAMES[Number(value)] ?? value;
  }
  return readable;
}
