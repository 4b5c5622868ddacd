import type { Language } from "@credanchor/core/protocol";
import type { GlobalOptions } from "./options";

/**
 * Where a command writes. With --json, stdout carries exactly one JSON document and everything else goes to
 * stderr, so scripts can pipe stdout into a parser.
 */
export interface Output {
  /** Progress and diagnostics: always stderr. */
  log(message: string): void;
  /** The human-readable result: stdout, unless --json. */
  text(message: string): void;
  /** The machine-readable result: stdout, only with --json. */
  json(value: unknown): void;
  readonly jsonMode: boolean;
  /** --lang: the language of messages the command words itself. */
  readonly lang: Language;
}

export function createOutput(options: Pick<GlobalOptions, "json" | "lang">): Output {
  return {
    jsonMode: options.json,
    lang: options.lang,
    log: (message) => process.stderr.write(`${message}\n`),
    text: (message) => {
      if (!options.json) process.stdout.write(`${message}\n`);
    },
    json: (value) => {
      if (options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
