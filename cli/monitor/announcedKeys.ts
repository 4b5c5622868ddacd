import { readFileSync } from "node:fs";
import { getAddress, isAddress } from "ethers";
import { z } from "zod";
import { UsageError } from "../errors";

const Address = z.string().refine((value) => isAddress(value), { message: "not an Ethereum address" }).transform((value) => getAddress(value));

/** The keys each university has published as its own: `{ "<issuerId>": ["<key>", …] }`. */
const AnnouncedKeysFile = z.record(z.string(), z.array(Address));

export type AnnouncedKeys = ReadonlyMap<string, ReadonlySet<string>>;

export function readAnnouncedKeys(path: string): AnnouncedKeys {
  let parsed: z.infer<typeof AnnouncedKeysFile>;
  try {
    parsed = AnnouncedKeysFile.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new UsageError("ANNOUNCED_INVALID", { params: { path }, cause: error });
  }
  const keys = new Map<string, Set<string>>();
  for (const [issuerId, list] of Object.entries(parsed)) {
    if (!isAddress(issuerId)) throw new UsageError("ADDRESS_INVALID", { params: { value: issuerId } });
    keys.set(getAddress(issuerId), new Set(list));
  }
  return keys;
}

/** True if `signer` is a key `issuerId` announced; a university that announced nothing has announced no key. */
export function isAnnounced(announced: AnnouncedKeys, issuerId: string, signer: string): boolean {
  return announced.get(getAddress(issuerId))?.has(getAddress(signer)) ?? false;
}
