import { existsSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { ContractFactory, getAddress, isAddress, type Provider } from "ethers";
import type { Deployment } from "@credanchor/core/protocol";
import { CredentialAnchor, CredentialLens, IssuerRegistry } from "../generated/contracts";
import { connect, deploymentPath, loadDeployment, loadSigner, saveDeployment } from "../chain";
import { UsageError } from "../errors";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

function parseMembers(value: string): string[] {
  const members = value.split(",").map((member) => {
    if (!isAddress(member.trim())) throw new InvalidArgumentError(`"${member}" is not an address / 「${member}」不是地址`);
    return getAddress(member.trim());
  });
  const duplicate = members.find((member, i) => members.indexOf(member) !== i);
  if (duplicate !== undefined) throw new InvalidArgumentError(`${duplicate} is listed twice / ${duplicate} 重複列出`);
  return members;
}

function parseThreshold(value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not a whole number from 1 / 「${value}」不是由 1 起的整數`);
  }
  return Number(value);
}

/** True when the file's registry is a contract on this chain: the file describes live contracts, not a reset dev chain. */
async function isLive(provider: Provider, deployment: Deployment): Promise<boolean> {
  return (await provider.getCode(deployment.registry)) !== "0x";
}

export function deployCommand(): Command {
  return withOptions(new Command("deploy"), "chain", "signer", "output")
    .description(
      "Deploy IssuerRegistry, CredentialAnchor and CredentialLens and write the deployment file; an existing deployment of live contracts is kept, and replaced only with --force (its contracts then move to history)",
    )
    .option("--members <addresses>", "comma-separated governance council (default: the deploying key)", parseMembers)
    .option("--threshold <k>", "approvals a governance proposal needs, 1 to the number of members (default 1)", parseThreshold)
    .option("--force", "deploy new contracts even though the deployment file names live ones; the old ones are kept under history", false)
    .action(async (_args, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ members?: string[]; threshold?: number; force: boolean }>();
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      try {
        const deployer = loadSigner(options, provider, chainId, "governance");
        const members = own.members ?? [deployer.address];
        const threshold = own.threshold ?? 1;
        if (threshold > members.length) throw new UsageError("THRESHOLD_INVALID", { params: { threshold, members: members.length } });

        // Decided before anything is deployed: a refused deploy must cost nothing and change nothing.
        const path = deploymentPath(options, chainId);
        const previous = existsSync(path) ? loadDeployment(path) : undefined;
        const live = previous !== undefined && previous.chainId === chainId && (await isLive(provider, previous));
        if (live && !own.force) throw new UsageError("DEPLOYMENT_EXISTS", { params: { path, registry: previous.registry } });
        if (previous !== undefined && !live) out.log(`The contracts in ${path} are not on this chain (a reset development chain?); replacing the file.`);

        out.log(`Deploying on chain ${chainId} from ${deployer.address} (council of ${members.length}, threshold ${threshold})…`);
        const registry = await new ContractFactory(IssuerRegistry.abi, IssuerRegistry.bytecode, deployer).deploy(members, threshold);
        const registryReceipt = await registry.deploymentTransaction()?.wait();
        await registry.waitForDeployment();
        const anchor = await new ContractFactory(CredentialAnchor.abi, CredentialAnchor.bytecode, deployer).deploy(await registry.getAddress());
        const anchorReceipt = await anchor.deploymentTransaction()?.wait();
        await anchor.waitForDeployment();
        // Read-only: lets a verifier make one call per credential instead of one per read.
        const lens = await new ContractFactory(CredentialLens.abi, CredentialLens.bytecode, deployer).deploy();
        await lens.waitForDeployment();

        const anchorBlockNumber = anchorReceipt?.blockNumber ?? (await provider.getBlockNumber());
        const deployment: Deployment = {
          chainId,
          registry: await registry.getAddress(),
          anchor: await anchor.getAddress(),
          deployer: deployer.address,
          blockNumber: registryReceipt?.blockNumber ?? anchorBlockNumber,
          anchorBlockNumber,
          lens: await lens.getAddress(),
          deployedAt: new Date().toISOString(),
          // Earlier live deployments stay listed: credentials anchored there keep verifying (SPEC §8.1).
          history: !live
            ? []
            : [
                ...previous.history,
                { registry: previous.registry, anchor: previous.anchor, blockNumber: previous.blockNumber, deployedAt: previous.deployedAt },
              ],
        };
        saveDeployment(path, deployment);
        out.text(
          `IssuerRegistry    ${deployment.registry}\nCredentialAnchor  ${deployment.anchor}\nCredentialLens    ${deployment.lens}\nDeployment file   ${path}`,
        );
        out.json({ ...deployment, file: path });
      } finally {
        provider.destroy();
      }
    });
}
