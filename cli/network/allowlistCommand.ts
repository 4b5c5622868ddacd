import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { getAddress, isAddress } from "ethers";
import { createChainReader } from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment } from "../chain";
import { UsageError } from "../errors";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

const ACCOUNTS_LINE = /^accounts-allowlist=(\[.*\])$/m;

/** Every account the registry says may act: council members and every signing key of every university. */
async function registryAccounts(rpc: string, deploymentFile: string | undefined): Promise<string[]> {
  const { provider, chainId } = await connect(rpc);
  try {
    const deployment = loadDeployment(deploymentPath({ deployment: deploymentFile }, chainId), chainId);
    const reader = createChainReader(provider, deployment);
    const keys = await Promise.all((await reader.issuerIds()).map((issuerId) => reader.signingKeysOf(issuerId)));
    return [...(await reader.members()), ...keys.flat(), deployment.deployer];
  } finally {
    provider.destroy();
  }
}

/**
 * `network allowlist`: brings `accounts-allowlist` of a generated network's permissions_config.toml up to date with
 * the registry (council members, the deployer, every university signing key ever added: a key accredited or rotated
 * in must be able to send its first transaction) plus `--add`. Run it after every accreditation and key rotation,
 * copy the file to every node and reload it there (the command prints the call). Nothing is ever removed: an
 * account that leaves is taken out by hand, deliberately.
 */
export function allowlistCommand(): Command {
  return withOptions(new Command("allowlist"), "chain", "output")
    .description(
      "Add the registry's council members, deployer and university signing keys (and --add) to the accounts allowlist of the network files; run after each accreditation and key rotation",
    )
    .requiredOption("--network <dir>", "the directory `network init` wrote (holds permissions_config.toml)")
    .option("--add <addresses>", "further accounts to allow, comma-separated")
    .option("--offline", "do not read the registry; only --add", false)
    .action(async (own: { network: string; add?: string; offline: boolean }, command: Command) => {
      const options = readGlobalOptions(command);
      const out = createOutput(options);
      const file = join(resolve(own.network), "permissions_config.toml");
      if (!existsSync(file)) throw new UsageError("FILE_MISSING", { params: { path: file } });
      const text = readFileSync(file, "utf8");
      const line = ACCOUNTS_LINE.exec(text);
      if (line === null) throw new UsageError("FILE_MISSING", { params: { path: `${file} (accounts-allowlist)` } });
      const current = (JSON.parse(line[1] as string) as string[]).map((account) => getAddress(account));
      const extra = (own.add ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
      for (const account of extra) if (!isAddress(account)) throw new UsageError("ADDRESS_INVALID", { params: { value: account } });
      const wanted = [...extra, ...(own.offline ? [] : await registryAccounts(options.rpc, options.deployment))].map((account) => getAddress(account));
      const added = [...new Set(wanted)].filter((account) => !current.includes(account));
      const next = [...current, ...added];
      writeFileSync(file, text.replace(ACCOUNTS_LINE, `accounts-allowlist=${JSON.stringify(next)}`));
      const reload = `curl -s -X POST -H 'content-type: application/json' http://127.0.0.1:8545 --data '{"jsonrpc":"2.0","method":"perm_reloadPermissionsFromFile","params":[],"id":1}'`;
      out.text(
        added.length === 0
          ? `The accounts allowlist in ${file} already holds all ${next.length} accounts.`
          : `Added ${added.length} account(s) to ${file}:\n${added.map((a) => `  ${a}`).join("\n")}\nCopy the file to every node, then on each: ${reload}`,
      );
      out.json({ file, added, accounts: next });
    });
}
