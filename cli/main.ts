import { Command, CommanderError } from "commander";
import { EXIT, ExitError } from "./ExitError";

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
    if (error instanceof ExitError) return error.exitCode;
    // Loaded only now: the error classes and catalogues come with @credanchor/core, which --help need not load.
    const { reportError } = await import("./reportError");
    return reportError(error, argv);
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
