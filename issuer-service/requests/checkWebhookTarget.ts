import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { BadRequestError } from "../errors";

/**
 * Addresses a webhook must never reach: this host, private and shared networks, link-local (including the cloud
 * metadata service at 169.254.169.254), multicast, reserved and unspecified ones — in IPv4 and IPv6.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv6");
}

/** Whether `address` (an IP literal) is internal; an IPv4-mapped IPv6 address is judged by its IPv4 address. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped !== null) return INTERNAL.check(mapped[1]!, "ipv4");
  return INTERNAL.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** An address a host resolved to, as node:dns gives it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (the system resolver by default; tests inject their own). */
export type ResolveHost = (host: string) => Promise<ResolvedAddress[]>;

const systemResolver: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Refuses a webhook URL whose host is, or resolves to, an internal address (WEBHOOK_TARGET_INTERNAL), or does not
 * resolve (WEBHOOK_HOST_UNRESOLVED): an organisation's key must not make the service call hosts inside its own
 * network (server-side request forgery). Checked when the URL is set and again before every delivery, since a name
 * can later resolve elsewhere. Answers the checked address the delivery must then connect to (sendWebhook pins it),
 * so the name is resolved once per attempt; `allowInternal` (local development) skips only the refusal.
 */
export async function checkWebhookTarget(url: string, options: { allowInternal?: boolean; resolve?: ResolveHost } = {}): Promise<ResolvedAddress> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new BadRequestError("WEBHOOK_HOST_UNRESOLVED", { params: { host } });
  }
  const internal = addresses.find((entry) => isInternalAddress(entry.address));
  if (internal !== undefined && options.allowInternal !== true) throw new BadRequestError("WEBHOOK_TARGET_INTERNAL", { params: { host, address: internal.address } });
  return addresses[0]!;
}
