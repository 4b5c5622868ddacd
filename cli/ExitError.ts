/**
 * Thrown by a command that has already said everything (verify's reports) to end the process with a given exit
 * code; only cli/main.ts turns it into process.exit. Failures to explain are typed errors (cli/errors.ts).
 */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Exit codes of every command: 0 success / all VALID, 1 invalid input or any INVALID, 2 error or usage. */
export const EXIT = { OK: 0, INVALID: 1, ERROR: 2 } as const;
