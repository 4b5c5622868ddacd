import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command } from "commander";
import { getAddress, isAddress } from "ethers";
import { createChainWriter } from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { RegistryRefusalError, UsageError } from "../errors";
import { createKeystore, PASSPHRASE_ENV, readPassphrase } from "../keystore";
import { createOutput } from "../output";
import { explainRevert } from "./explainRevert";
import { readGlobalOptions, withOptions } from "../options";

function newCommand(): Command {
  return new Command("new")
    .description(
      `Create a new signing key in an encrypted JSON keystore (mode 0600); passphrase from ${PASSPHRASE_ENV} or a hidden prompt. Prints only the address.`,
    )
    .requiredOption("--out <file>", "keystore file to create; an existing file is never overwritten")
    .option("--json", "print {address, file} as JSON on stdout", false)
    .action(async (own: { out: string; json: boolean }) => {
      const path = resolve(own.out);
      if (existsSync(path)) throw new UsageError("KEYSTORE_EXISTS", { params: { path } });
      const { address, json } = await createKeystore(readPassphrase(`the new keystore ${path}`, { confirm: true }));
      // NETWORK §1 starts with `key new --out keys/…`: the folder is created (private to its owner) if missing.
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${json}\n`, { mode: 0o600, flag: "wx" });
      process.stdout.write(own.json ? `${JSON.stringify({ address, file: path })}\n` : `New key ${address} in ${path}\n`);
    });
}

function rotateCommand(): Command {
  return withOptions(new Command("rotate"), "chain", "signer", "output")
    .description(
      "Registrar: replace the university's signing key without a governance vote. Sign with the current key (--key-file); the current key stays valid up to this block's second and NEW_KEY after it (SPEC §8.2)",
    )
    .argument("<new-key>", "address of the new signing key (e.g. from `credanchor key new`)")
    .action(async (newKey: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      if (!isAddress(newKey)) throw new UsageError("ADDRESS_INVALID", { params: { value: newKey } });
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      try {
        const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
        const current = loadSigner(options, provider, chainId, "issuer");
        let hash: string;
        try {
          const tx = await createChainWriter(current, deployment).rotateSigningKey(getAddress(newKey));
          await tx.wait();
          hash = tx.hash;
        } catch (error) {
          const reason = explainRevert(error, out.lang);
          if (reason === undefined) throw error;
          throw new RegistryRefusalError("KEY_ROTATION_REFUSED", { params: { reason } });
        }
        out.text(`Signing key ${current.address} retired; ${getAddress(newKey)} is valid from now.`);
        out.json({ retired: current.address, added: getAddress(newKey), transaction: hash });
      } finally {
        provider.destroy();
      }
    });
}

/** `key new` and `key rotate`: custody of university signing keys (see docs/NETWORK.md, key rotation). */
export function keyCommand(): Command {
  const command = new Command("key").description("Create encrypted signing keys and rotate a university's key");
  command.addCommand(newCommand().exitOverride());
  command.addCommand(rotateCommand().exitOverride());
  return command;
}
