import { Command, CommanderError } from "commander";
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
import { EXIT, ExitError } from "./ExitError";
import { en } from "./i18n/en";
import { translateTo } from "./i18n/translate";

interface CommandEntry {
  name: string;
  /** The line of `credanchor --help`; the command's own --help gives its full description. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every command, loaded only when it runs: a command's module pulls in its npm packages (ethers, zod, playwright-core
 * for print…), and loading all of them would make `credanchor --help` take most of a second.
 */
const COMMANDS: readonly CommandEntry[] = [
  { name: "deploy", summary: "deploy the contracts and write the deployment file", load: async () => (await import("./commands/deploy")).deployCommand() },
  { name: "accredit", summary: "governance: accredit a university key", load: async () => (await import("./commands/accredit")).accreditCommand() },
  ...(["suspend", "reinstate", "deaccredit"] as const).map((action) => ({
    name: action,
    summary: `governance: ${action} an issuer from a moment on`,
    load: async () => (await import("./commands/suspend")).statusChangeCommand(action),
  })),
  { name: "issue", summary: "registrar: build, sign and anchor one batch", load: async () => (await import("./commands/issue")).issueCommand() },
  { name: "verify", summary: "verify credential files (exit 0 all VALID, 1 any INVALID, 2 ERROR)", load: async () => (await import("./commands/verify")).verifyCommand() },
  { name: "revoke", summary: "issuer: revoke credentials or a batch", load: async () => (await import("./commands/revoke")).revokeCommand() },
  { name: "disclose", summary: "holder: hide claims, stays verifiable", load: async () => (await import("./commands/disclose")).discloseCommand() },
  { name: "export", summary: "holder: W3C VC 2.0 / Open Badges 3.0 document", load: async () => (await import("./commands/export")).exportCommand() },
  { name: "share", summary: "holder: encrypted, expiring share link", load: async () => (await import("./commands/share")).shareCommand() },
  { name: "print", summary: "holder: bilingual A4 PDF with a verification QR code", load: async () => (await import("./commands/print")).printCommand() },
  { name: "network", summary: "Besu QBFT network files for the consortium", load: async () => (await import("./commands/network")).networkCommand() },
  { name: "governance", summary: "k-of-n council proposals", load: async () => (await import("./commands/governance")).governanceCommand() },
  { name: "monitor", summary: "transparency monitor of the registry", load: async () => (await import("./commands/monitor")).monitorCommand() },
  { name: "key", summary: "encrypted keystores; rotate an issuer's key", load: async () => (await import("./network/keyCommand")).keyCommand() },
];

/** The program with the command named in argv loaded; the others are listed by name and summary only. */
async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("credanchor")
    .description("Issue, anchor, verify and revoke university degree credentials on the consortium chain")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  const [first, second] = argv.slice(2);
  const wanted = first === "help" ? second : first;
  for (const entry of COMMANDS) {
    const command = entry.name === wanted ? await entry.load() : new Command(entry.name);
    program.addCommand(command.summary(entry.summary).exitOverride());
  }
  return program;
}

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

/** Errors about what the user gave us (a bad row, a file that is not UTF-8 or not a credential): exit 1. */
const INVALID_INPUT = [InputValidationError, JsonFormatError, CredentialFormatError, CanonicalisationError, IntegrityError, DisclosureError];

/** The exit code of an error, chosen by its class: input problems are INVALID, usage, chain and deployment ERROR. */
function exitCodeOf(error: BaseError): number {
  return INVALID_INPUT.some((type) => error instanceof type) ? EXIT.INVALID : EXIT.ERROR;
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

/** Runs the CLI and returns the exit code. The only place that decides how the process ends. */
async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    if (error instanceof ExitError) {
      if (error.message) process.stderr.write(`credanchor: ${error.message}\n`);
      return error.exitCode;
    }
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
}

/**
 * Ends the process once stdout and stderr are flushed. A pipe takes 64 KiB at a time, so process.exit right after a
 * large write (verify --json of many files) would cut the output; an empty write's callback runs after every write
 * queued before it. process.exit is still called, so a handle a failed command left open cannot keep the CLI alive.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
}

void main(process.argv).then(exitWhenFlushed);
