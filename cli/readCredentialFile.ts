import { readFileSync, statSync } from "node:fs";
import { InputFileError, UsageError } from "./errors";

/** Larger than any credential; the parser refuses more than this anyway, so do not read a huge file into memory. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/** The text of a credential file; UsageError when there is none, InputFileError when its bytes cannot be one. */
export function readCredentialFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError("FILE_MISSING", { params: { path } });
  }
  if (size > MAX_CREDENTIAL_BYTES) throw new InputFileError("FILE_TOO_LARGE", { params: { path, size } });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new InputFileError("FILE_NOT_UTF8", { params: { path } });
  }
}
