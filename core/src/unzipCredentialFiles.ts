import { inflateCapped } from "./inflateCapped";
import { MAX_JSON_BYTES } from "./parseJson";

/** Hard limits on a ZIP of credentials, checked before and during inflation (never after). */
export interface ZipLimits {
  /** Largest entry, inflated: a credential over MAX_JSON_BYTES is refused anyway (SPEC §2). */
  maxEntryBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
  /** Entries taken from one archive. */
  maxEntries: number;
}

/** About 16,000 credentials of 4 KB: far above any class, far below what hurts a browser tab. */
export const ZIP_LIMITS: ZipLimits = { maxEntryBytes: MAX_JSON_BYTES, maxTotalBytes: 64 * 1024 * 1024, maxEntries: 20_000 };

export type ZipRefusal = "tooLarge" | "totalTooLarge" | "tooManyEntries" | "unsupported";

export interface UnzippedCredentials {
  files: { name: string; bytes: Uint8Array }[];
  /** `.json` entries not taken, and why: named to the user, never inflated past a limit. */
  refused: { name: string; reason: ZipRefusal }[];
}

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
const utf8 = new TextDecoder();

/** Folders, macOS resource forks and anything not `.json` are not credentials. */
function isCredentialName(name: string): boolean {
  return name.toLowerCase().endsWith(".json") && !name.split("/").some((part) => part.startsWith("__MACOSX") || part.startsWith("._"));
}

/**
 * The `.json` entries of a ZIP archive, read from its central directory with every limit applied before work is
 * done: an entry is refused on its declared size, and one that declares little but inflates to more is cut off by
 * a running count (inflateCapped) the moment it passes its share — so a 1.5 MB archive of ten 150 MB entries costs
 * next to nothing. `null` when the bytes are no ZIP this reader understands (no end record, ZIP64, cut short).
 */
export function unzipCredentialFiles(zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS): UnzippedCredentials | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (u32(view, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = u16(view, end + 10);
  const directory = u32(view, end + 16);
  if (entries === 0xffff || directory === 0xffffffff) return null;
  const result: UnzippedCredentials = { files: [], refused: [] };
  let declaredTotal = 0;
  let inflatedTotal = 0;
  try {
    for (let at = directory, index = 0; index < entries; index++) {
      if (u32(view, at) !== 0x02014b50) return null;
      const flags = u16(view, at + 8);
      const method = u16(view, at + 10);
      const compressedSize = u32(view, at + 20);
      const declaredSize = u32(view, at + 24);
      const nameLength = u16(view, at + 28);
      const local = u32(view, at + 42);
      const name = utf8.decode(zip.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + u16(view, at + 30) + u16(view, at + 32);
      if (!isCredentialName(name)) continue;
      const refuse = (reason: ZipRefusal) => result.refused.push({ name, reason });
      if (result.files.length >= limits.maxEntries) {
        refuse("tooManyEntries");
        continue;
      }
      if (declaredSize > limits.maxEntryBytes) {
        refuse("tooLarge");
        continue;
      }
      declaredTotal += declaredSize;
      if (declaredTotal > limits.maxTotalBytes) {
        refuse("totalTooLarge");
        continue;
      }
      // Encrypted entries and methods other than stored and DEFLATE are not credentials anyone can check.
      if ((flags & 1) !== 0 || (method !== 0 && method !== 8) || u32(view, local) !== 0x04034b50) {
        refuse("unsupported");
        continue;
      }
      const start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (data.length !== compressedSize) return null;
      const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - inflatedTotal);
      const bytes = method === 0 ? (data.length <= room ? data : undefined) : inflateCapped(data, room);
      if (bytes === undefined) {
        refuse(room < limits.maxEntryBytes ? "totalTooLarge" : "tooLarge");
        continue;
      }
      inflatedTotal += bytes.length;
      result.files.push({ name, bytes });
    }
  } catch {
    // A header pointing outside the archive or DEFLATE data that does not decode: the archive is damaged.
    return null;
  }
  return result;
}
