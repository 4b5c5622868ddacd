import { Command, CommanderError } from "commander";
import { BaseError } from "@credanchor/core/protocol";
import { accreditCommand } from "./commands/accredit";
import { deployCommand } from "./commands/deploy";
import { discloseCommand } from "./commands/disclose";
import { exportCommand } from "./commands/export";
import { governanceCommand } from "./commands/governance";
import { issueCommand } from "./commands/issue";
import { monitorCommand } from "./commands/monitor";
import { networkCommand } from "./commands/network";
import { printCommand } from "./commands/print";
import { revokeCommand } from "./commands/revoke";
import { shareCommand } from "./commands/share";
import { statusChangeCommand } from "./commands/suspend";
import { verifyCommand } from "./commands/verify";
import { EXIT, ExitError } from "./ExitError";
import { keyCommand } from "./network/keyCommand";

function buildProgram(): Command {
  const program = new Command("credanchor")
    .description("Issue, anchor, verify and revoke university degree credentials on the consortium chain")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    deployCommand(),
    accreditCommand(),
    statusChangeCommand("suspend"),
    statusChangeCommand("reinstate"),
    statusChangeCommand("deaccredit"),
    issueCommand(),
    verifyCommand(),
    revokeCommand(),
    discloseCommand(),
    exportCommand(),
    shareCommand(),
    printCommand(),
    networkCommand(),
    governanceCommand(),
    monitorCommand(),
    keyCommand(),
  ]) {
    program.addCommand(command.exitOverride());
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

/** Runs the CLI and returns the exit code. The only place that decides how the process ends. */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
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
    if (error instanceof BaseError) {
      process.stderr.write(`credanchor: ${error.shortMessage} [${error.code}]\n`);
      if (error.details !== undefined) process.stderr.write(`${JSON.stringify(error.details, null, 2).slice(0, 2000)}\n`);
      if (process.env.CREDANCHOR_DEBUG) process.stderr.write(`${String(error.cause ?? "")}\n`);
      return error.code === "INPUT_INVALID" ? EXIT.INVALID : EXIT.ERROR;
    }
    process.stderr.write(`credanchor: ${describeUnexpected(error)}\n`);
    if (process.env.CREDANCHOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ""}\n`);
    return EXIT.ERROR;
  }
}

void main(process.argv).then((code) => process.exit(code));
