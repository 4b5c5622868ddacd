import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { decodeCredentialBytes, MAX_JSON_BYTES } from "@credanchor/core/protocol";
import { InputFileError, UsageError } from "./errors";

/**
 * The bytes of a credential file, at most MAX_JSON_BYTES + 1 of them: enough for `decodeCredentialBytes` to refuse a
 * larger file on its length without reading it all into memory. Throws the system's error (ENOENT, EACCES, EISDIR…)
 * when the file cannot be read; what the bytes are is for the verifier to judge (SPEC §2).
 */
export function readCappedBytes(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    // Sized to the file (a few KB), not to the limit: a 1 MiB buffer per file made verifying a thousand files
    // allocate and zero a gigabyte. It grows if the file does, never beyond the limit + 1.
    let buffer = new Uint8Array(Math.min(fstatSync(fd).size, MAX_JSON_BYTES) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
      if (read === 0 || length > MAX_JSON_BYTES) return buffer.subarray(0, length);
      if (length === buffer.length) {
        const grown = new Uint8Array(Math.min(buffer.length * 2, MAX_JSON_BYTES + 1));
        grown.set(buffer);
        buffer = grown;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** `readCappedBytes` for the commands that work on one file: a file that cannot be read is a UsageError. */
export function readCredentialBytes(path: string): Uint8Array {
  try {
    return readCappedBytes(path);
  } catch {
    throw new UsageError("FILE_MISSING", { params: { path } });
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
