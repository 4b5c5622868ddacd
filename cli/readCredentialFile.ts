import { closeSync, openSync, readSync, statSync } from "node:fs";
import { decodeCredentialBytes, MAX_JSON_BYTES } from "@credanchor/core/protocol";
import { InputFileError, UsageError } from "./errors";

/**
 * The bytes of a credential file, at most MAX_JSON_BYTES + 1 of them: enough for `decodeCredentialBytes` to refuse a
 * larger file on its length without reading it all into memory. A file that cannot be opened is a UsageError; what
 * the bytes are is for the verifier to judge (SPEC §2), so `verify` hands them over as they are.
 */
export function readCredentialBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    throw new UsageError("FILE_MISSING", { params: { path } });
  }
  try {
    const buffer = new Uint8Array(MAX_JSON_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0 || length + read === buffer.length) return buffer.subarray(0, length + read);
      length += read;
    }
  } catch {
    throw new UsageError("FILE_MISSING", { params: { path } });
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a credential file for the commands that work on one (disclose, export, print, share, revoke), decoded
 * as a verifier decodes it (`decodeCredentialBytes`, SPEC §2); InputFileError when its bytes cannot be a credential.
 */
export function readCredentialFile(path: string): string {
  const bytes = readCredentialBytes(path);
  if (bytes.length > MAX_JSON_BYTES) throw new InputFileError("FILE_TOO_LARGE", { params: { path, size: statSync(path).size } });
  try {
    return decodeCredentialBytes(bytes);
  } catch {
    throw new InputFileError("FILE_NOT_UTF8", { params: { path } });
  }
}
