import { JsonFormatError } from "./errors";
import { MAX_JSON_BYTES } from "./parseJson";

// fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD; ignoreBOM: a leading BOM is kept in the
// text, so the parser refuses it as SPEC §2 requires instead of the decoder silently dropping it.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The bytes of a credential file → its text, as every entry point (CLI, web, service) reads one (SPEC §2). More than
 * 1 MiB or bytes that are not UTF-8 are FORMAT_INVALID_JSON — a FORMAT result like any other malformed file, not a
 * usage error — and a leading BOM is kept for the parser to refuse. Callers may pass only the first
 * MAX_JSON_BYTES + 1 bytes of a larger file: it is refused on its length alone.
 */
export function decodeCredentialBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new JsonFormatError("The file is larger than 1 MiB.", { code: "FORMAT_INVALID_JSON", details: { position: 0, bytes: bytes.length } });
  }
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new JsonFormatError("The file is not UTF-8 text.", { code: "FORMAT_INVALID_JSON", details: { position: 0 }, cause });
  }
}
