/** Thrown by a command to end the process with a given exit code; only cli/main.ts turns it into process.exit. */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(
    readonly exitCode: number,
    message = "",
  ) {
    super(message);
  }
}

/** Exit codes of every command: 0 success / all VALID, 1 invalid input or any INVALID, 2 error or usage. */
export const EXIT = { OK: 0, INVALID: 1, ERROR: 2 } as const;
