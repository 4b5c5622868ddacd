import { encodeBase58 } from "ethers";
import { ContentError } from "./errors";
import { concatBytes } from "./hex";
import { sha256 } from "./sha256";

/**
 * Content identifiers of manifests and share payloads, computed exactly as an IPFS (Kubo) node computes them with
 * its defaults for `ipfs add` (CIDv0, UnixFS file in dag-pb, no raw leaves, fixed 262,144-byte chunks, balanced
 * layout with up to 174 links per node). The local content store and an IPFS node therefore agree on every CID
 * and a CID anchored on chain can be fetched from either.
 */
export const CHUNK_SIZE = 262_144;
export const MAX_LINKS = 174;
/** One level of links: 174 chunks, about 45 MB, far above any manifest (100,000 leaves ≈ 7 MB). */
export const MAX_CONTENT_SIZE = CHUNK_SIZE * MAX_LINKS;

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return new Uint8Array(bytes);
}

/** A protobuf length-delimited field. */
function field(fieldNumber: number, payload: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of((fieldNumber << 3) | 2), varint(payload.length), payload);
}

/** A protobuf varint field. */
function varintField(fieldNumber: number, value: number): Uint8Array {
  return concatBytes(Uint8Array.of(fieldNumber << 3), varint(value));
}

const UNIXFS_FILE = 2;
const EMPTY = new Uint8Array(0);

function multihash(block: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x12, 0x20), sha256(block));
}

function leafBlock(chunk: Uint8Array): Uint8Array {
  const unixfs = concatBytes(varintField(1, UNIXFS_FILE), chunk.length > 0 ? field(2, chunk) : EMPTY, varintField(3, chunk.length));
  return field(1, unixfs);
}

/** The CIDv0 (base58btc "Qm…") of `content` as `ipfs add` with Kubo's defaults reports it. */
export function contentId(content: Uint8Array): string {
  if (content.length > MAX_CONTENT_SIZE) {
    throw new ContentError(`Content of ${content.length} bytes exceeds ${MAX_CONTENT_SIZE}`, { code: "CONTENT_TOO_LARGE" });
  }
  if (content.length <= CHUNK_SIZE) return encodeBase58(multihash(leafBlock(content)));

  const links: Uint8Array[] = [];
  const blockSizes: Uint8Array[] = [];
  for (let offset = 0; offset < content.length; offset += CHUNK_SIZE) {
    const chunk = content.subarray(offset, offset + CHUNK_SIZE);
    const block = leafBlock(chunk);
    // PBLink: Hash, Name (always present, empty), Tsize (the child's whole serialised size).
    links.push(field(2, concatBytes(field(1, multihash(block)), field(2, EMPTY), varintField(3, block.length))));
    blockSizes.push(varintField(4, chunk.length));
  }
  const unixfs = concatBytes(varintField(1, UNIXFS_FILE), varintField(3, content.length), ...blockSizes);
  // dag-pb puts Links before Data.
  return encodeBase58(multihash(concatBytes(...links, field(1, unixfs))));
}
