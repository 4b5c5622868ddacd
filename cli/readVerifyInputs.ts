import { readFileSync, statSync } from "node:fs";
import { recogniseInput, unzipCredentialFiles, type ZipRefusal } from "@credanchor/core/protocol";
import { readCappedBytes } from "./readCredentialFile";

/** One thing to verify: a file, or an entry of a ZIP named `archive.zip/entry.json`. */
export interface VerifyInput {
  name: string;
  /** The bytes, or undefined when they could not be read; `unreadable` then says why (an error code). */
  bytes?: Uint8Array;
  unreadable?: string;
}

/** A ZIP larger than this is not read at all: 64 MiB of credentials compress to far less. */
const MAX_ZIP_FILE_BYTES = 256 * 1024 * 1024;

const REFUSAL_CODES: Record<ZipRefusal, string> = {
  tooLarge: "ZIP_ENTRY_TOO_LARGE",
  totalTooLarge: "ZIP_TOTAL_TOO_LARGE",
  tooManyEntries: "ZIP_TOO_MANY_ENTRIES",
  unsupported: "ZIP_ENTRY_UNSUPPORTED",
};

/**
 * A ZIP's credential entries, within the verifier page's limits (core's unzipCredentialFiles: declared and actual
 * inflated size, running total, entry count), so the CLI cannot be knocked over by a bomb either. Refused entries
 * get an ERROR report naming the limit; a registrar's batch report or manifest inside is left out, as on the page.
 */
function zipInputs(file: string, skipped: (entry: string, kind: "batchReport" | "batchManifest") => void): VerifyInput[] {
  if (statSync(file).size > MAX_ZIP_FILE_BYTES) return [{ name: file, unreadable: "ZIP_TOO_LARGE" }];
  const unzipped = unzipCredentialFiles(readFileSync(file));
  if (unzipped === null) return [{ name: file, unreadable: "ZIP_UNREADABLE" }];
  const inputs: VerifyInput[] = [];
  for (const { name, bytes } of unzipped.files) {
    const kind = recogniseInput(new TextDecoder().decode(bytes));
    if (kind === "batchReport" || kind === "batchManifest") skipped(`${file}/${name}`, kind);
    else inputs.push({ name: `${file}/${name}`, bytes });
  }
  for (const { name, reason } of unzipped.refused) inputs.push({ name: `${file}/${name}`, unreadable: REFUSAL_CODES[reason] });
  return inputs;
}

/**
 * The credential files named on the command line, as bytes (decoding is part of verification, SPEC §2, so a BOM or
 * non-UTF-8 file gets a FORMAT report); a `.zip` stands for the credentials inside it.
 */
export function readVerifyInputs(files: readonly string[], skipped: (entry: string, kind: "batchReport" | "batchManifest") => void): VerifyInput[] {
  return files.flatMap((file): VerifyInput[] => {
    try {
      return /\.zip$/i.test(file) ? zipInputs(file, skipped) : [{ name: file, bytes: readCappedBytes(file) }];
    } catch (error) {
      // A file that cannot be read at all is named by the system's error code (ENOENT, EACCES, EISDIR…): it gets its
      // own ERROR report (FORMAT_UNREADABLE) and the other files are still verified. Reading is the test: no stat or
      // access call first, two system calls fewer per file.
      const { code, syscall } = error as NodeJS.ErrnoException;
      if (syscall === undefined || code === undefined) throw error;
      return [{ name: file, unreadable: code }];
    }
  });
}
