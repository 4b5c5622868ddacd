import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Wallet, isKeystoreJson } from "ethers";
import { KeyError } from "@credanchor/core/protocol";

/** Environment variable that supplies the keystore passphrase to non-interactive runs (services, CI). */
export const PASSPHRASE_ENV = "CREDANCHOR_KEY_PASSPHRASE";

/** A passphrase shorter than this is refused when creating a keystore: scrypt slows guessing, it cannot fix "1234". */
export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * The content of `source` if it is a file holding an encrypted JSON keystore (ethers / Web3 Secret Storage), else
 * undefined: `--key-file` accepts both a keystore and a raw hex key file, told apart by their content.
 */
export function readKeystoreFile(source: string): string | undefined {
  if (!existsSync(source)) return undefined;
  const text = readFileSync(source, "utf8").trim();
  if (!text.startsWith("{")) return undefined;
  if (!isKeystoreJson(text)) {
    throw new KeyError(`Key file ${source} is JSON but not an encrypted keystore`, { code: "KEY_INVALID", params: { source } });
  }
  return text;
}

/**
 * Reads a line from the controlling terminal without echo. Synchronous on purpose: signer loading is synchronous
 * for every command, and a terminal prompt is the one place where blocking is what the user expects. The passphrase
 * travels only through the child's stdout pipe into this process; nothing is written to logs.
 */
function promptHiddenSync(prompt: string): string {
  const script = [
    "trap 'stty echo < /dev/tty' EXIT INT TERM",
    "stty -echo < /dev/tty",
    'printf "%s" "$1" > /dev/tty',
    "IFS= read -r line < /dev/tty || exit 1",
    'printf "\\n" > /dev/tty',
    'printf "%s" "$line"',
  ].join("\n");
  const result = spawnSync("/bin/sh", ["-c", script, "sh", prompt], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (result.status !== 0) throw new KeyError("Could not read a passphrase from the terminal", { code: "KEY_PASSPHRASE_MISSING", params: { env: PASSPHRASE_ENV } });
  return result.stdout;
}

/**
 * The passphrase for a keystore: CREDANCHOR_KEY_PASSPHRASE, else a hidden prompt when a person is at a terminal.
 * With `confirm`, the prompt asks twice (creating a keystore with a typo would lock the key away for good).
 */
export function readPassphrase(purpose: string, options: { confirm?: boolean } = {}): string {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!process.stdin.isTTY) {
    throw new KeyError(`${purpose} needs a passphrase: set ${PASSPHRASE_ENV} or run in a terminal`, { code: "KEY_PASSPHRASE_MISSING", params: { env: PASSPHRASE_ENV } });
  }
  const passphrase = promptHiddenSync(`Passphrase for ${purpose}: `);
  if (options.confirm && promptHiddenSync("Repeat the passphrase: ") !== passphrase) {
    throw new KeyError("The two passphrases differ", { code: "KEY_PASSPHRASE_MISMATCH" });
  }
  return passphrase;
}

/** The private key inside a keystore; a wrong passphrase is a clear error that never echoes the passphrase. */
export function decryptKeystore(json: string, passphrase: string, source: string): string {
  try {
    return Wallet.fromEncryptedJsonSync(json, passphrase).privateKey;
  } catch (error) {
    const wrong = error instanceof Error && /incorrect password/i.test(error.message);
    throw new KeyError(wrong ? `Wrong passphrase for keystore ${source}` : `Cannot decrypt keystore ${source}`, {
      code: wrong ? "KEY_PASSPHRASE_WRONG" : "KEY_INVALID",
      params: { source },
    });
  }
}

/** Encrypts a new random key as a JSON keystore (scrypt, ethers defaults) and returns it with its address. */
export async function createKeystore(passphrase: string): Promise<{ address: string; json: string }> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyError(`The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`, { code: "KEY_PASSPHRASE_WEAK", params: { min: MIN_PASSPHRASE_LENGTH } });
  }
  const wallet = Wallet.createRandom();
  return { address: wallet.address, json: await wallet.encrypt(passphrase) };
}
