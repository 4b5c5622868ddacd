import {
  BaseError,
  CanonicalisationError,
  CredentialFormatError,
  DisclosureError,
  InputValidationError,
  IntegrityError,
  isLanguage,
  JsonFormatError,
  type Language,
} from "@credanchor/core/protocol";
import { InputFileError, RefusalError } from "./errors";
import { EXIT } from "./ExitError";
import { en } from "./i18n/en";
import { translateTo } from "./i18n/translate";

/**
 * A one-line explanation of an unexpected error. ethers errors carry the whole signed transaction in `message`;
 * the node's own words ("Sender doesn't have enough funds…") or ethers' `shortMessage` are what a person needs.
 */
function describeUnexpected(error: unknown): string {
  const shape = error as { shortMessage?: unknown; error?: { message?: unknown }; info?: { error?: { message?: unknown } } } | null;
  const nodeMessage = shape?.error?.message ?? shape?.info?.error?.message;
  if (typeof nodeMessage === "string") return `the chain refused: ${nodeMessage}`;
  if (typeof shape?.shortMessage === "string") return shape.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Errors that end with exit 1 (INVALID): what the user gave us is wrong (a bad row, a file that is not UTF-8 or not
 * a credential) or the chain says no. Every other error — usage, chain unreachable, deployment, keys, tools — is 2.
 */
const INVALID = [InputValidationError, JsonFormatError, CredentialFormatError, CanonicalisationError, IntegrityError, DisclosureError, InputFileError, RefusalError];

/** The exit code of an error, chosen by its class. */
function exitCodeOf(error: BaseError): number {
  return INVALID.some((type) => error instanceof type) ? EXIT.INVALID : EXIT.ERROR;
}

/**
 * The language errors are printed in. Commander has thrown before a command could read its options, so --lang (or
 * CREDANCHOR_LANG) is read from the arguments themselves.
 */
function languageOf(argv: string[]): Language {
  const index = argv.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const value = index < 0 ? process.env.CREDANCHOR_LANG : argv[index]!.includes("=") ? argv[index]!.slice("--lang=".length) : argv[index + 1];
  return value !== undefined && isLanguage(value) ? value : "en";
}

/** The catalogue's text for a core error's code, filled from its params; its English short message otherwise. */
function describe(error: BaseError, language: Language): string {
  const key = `error.${error.code}`;
  return Object.hasOwn(en, key) ? translateTo(language, key as keyof typeof en, error.params) : error.shortMessage;
}

/**
 * Prints an error that ended a command (other than usage and ExitError, which cli/main.ts handles) in the chosen
 * language and returns the exit code, chosen by the error's class.
 */
export function reportError(error: unknown, argv: string[]): number {
  const language = languageOf(argv);
  if (error instanceof BaseError) {
    process.stderr.write(`credanchor: ${describe(error, language)} [${error.code}]\n`);
    if (error.details !== undefined) process.stderr.write(`${JSON.stringify(error.details, null, 2).slice(0, 2000)}\n`);
    if (process.env.CREDANCHOR_DEBUG) process.stderr.write(`${error.shortMessage}\n${String(error.cause ?? "")}\n`);
    return exitCodeOf(error);
  }
  process.stderr.write(`credanchor: ${translateTo(language, "unexpected", { detail: describeUnexpected(error) })}\n`);
  if (process.env.CREDANCHOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ""}\n`);
  return EXIT.ERROR;
}
