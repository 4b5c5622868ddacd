import { readFileSync, statSync } from "node:fs";
import { ExitError, EXIT } from "./ExitError";

/** Larger than any credential; the parser refuses more than this anyway, so do not read a huge file into memory. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/** The text of a credential file, or an ExitError (usage) when it cannot be read at all. */
export function readCredentialFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ExitError(EXIT.ERROR, `Cannot read ${path}: no such file`);
  }
  if (size > MAX_CREDENTIAL_BYTES) throw new ExitError(EXIT.ERROR, `${path} is ${size} bytes; a credential is at most 1 MiB`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new ExitError(EXIT.ERROR, `${path} is not UTF-8 text`);
  }
}
