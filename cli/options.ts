import { Command, Option, InvalidArgumentError } from "commander";
import { isLanguage, type Language } from "@credanchor/core/protocol";

/** The options every command shares (DESIGN.md CLI contract), after environment defaults are applied. */
export interface GlobalOptions {
  rpc: string;
  deployment?: string;
  keyFile?: string;
  devAccount?: number;
  json: boolean;
  lang: Language;
}

export const DEFAULT_RPC = "http://127.0.0.1:8545";

/**
 * The shared options in groups, so that each command lists in --help exactly the options it reads: `chain` (--rpc,
 * --deployment) for commands that talk to the chain, `signer` (--key-file, --dev-account) for those that send
 * transactions, `output` (--json, --lang) for every command that prints a result.
 */
export type OptionGroup = "chain" | "signer" | "output";

const GROUPS: Record<OptionGroup, () => Option[]> = {
  chain: () => [
    new Option("--rpc <url>", "JSON-RPC endpoint of the chain").env("CREDANCHOR_RPC").default(DEFAULT_RPC),
    new Option("--deployment <file>", "deployment file (default deployments/<chainId>.json)").env("CREDANCHOR_DEPLOYMENT"),
  ],
  signer: () => [
    new Option(
      "--key-file <file>",
      "signing key: a file holding a 0x-hex private key or an encrypted JSON keystore (passphrase from CREDANCHOR_KEY_PASSPHRASE or a prompt); env CREDANCHOR_KEY: a file path or the key itself; on chain 31337 the Hardhat dev accounts are the default",
    ).env("CREDANCHOR_KEY"),
    new Option("--dev-account <n>", "on chain 31337 only: sign with Hardhat dev account n").argParser(parseIndex),
  ],
  output: () => [
    new Option("--json", "machine-readable output on stdout (logs go to stderr)").default(false),
    new Option("--lang <lang>", "language of messages").choices(["en", "zh-Hant"]).env("CREDANCHOR_LANG").default("en"),
  ],
};

/** Adds the option groups a command reads, so its --help lists them and no others. */
export function withOptions(command: Command, ...groups: OptionGroup[]): Command {
  for (const group of groups) for (const option of GROUPS[group]()) command.addOption(option);
  return command;
}

function parseIndex(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 8) throw new InvalidArgumentError(`--dev-account must be 0 to 8, got "${value}"`);
  return n;
}

export function readGlobalOptions(command: Command): GlobalOptions {
  const raw = command.opts<Record<string, unknown>>();
  const lang = String(raw.lang ?? "en");
  return {
    rpc: String(raw.rpc ?? DEFAULT_RPC),
    ...(typeof raw.deployment === "string" ? { deployment: raw.deployment } : {}),
    ...(typeof raw.keyFile === "string" ? { keyFile: raw.keyFile } : {}),
    ...(typeof raw.devAccount === "number" ? { devAccount: raw.devAccount } : {}),
    json: raw.json === true,
    lang: isLanguage(lang) ? lang : "en",
  };
}
