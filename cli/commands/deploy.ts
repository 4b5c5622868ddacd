import { existsSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { ContractFactory, getAddress, isAddress } from "ethers";
import type { Deployment } from "@credanchor/core/protocol";
import { CredentialAnchor, IssuerRegistry } from "../generated/contracts";
import { connect, deploymentPath, loadDeployment, loadSigner, saveDeployment } from "../chain";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

function parseMembers(value: string): string[] {
  return value.split(",").map((member) => {
    if (!isAddress(member.trim())) throw new InvalidArgumentError(`--members: "${member}" is not an address`);
    return getAddress(member.trim());
  });
}

export function deployCommand(): Command {
  return withOptions(new Command("deploy"), "chain", "signer", "output")
    .description("Deploy IssuerRegistry and CredentialAnchor and write the deployment file")
    .option("--members <addresses>", "comma-separated governance council (default: the deploying key)", parseMembers)
    .option("--threshold <k>", "approvals a governance proposal needs (default 1)", (v) => Number.parseInt(v, 10))
    .action(async (_args, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ members?: string[]; threshold?: number }>();
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      const deployer = loadSigner(options, provider, chainId, "governance");
      const members = own.members ?? [deployer.address];
      const threshold = own.threshold ?? 1;

      out.log(`Deploying on chain ${chainId} from ${deployer.address} (council of ${members.length}, threshold ${threshold})…`);
      const registry = await new ContractFactory(IssuerRegistry.abi, IssuerRegistry.bytecode, deployer).deploy(members, threshold);
      await registry.waitForDeployment();
      const anchor = await new ContractFactory(CredentialAnchor.abi, CredentialAnchor.bytecode, deployer).deploy(
        await registry.getAddress(),
      );
      const receipt = await anchor.deploymentTransaction()?.wait();
      await anchor.waitForDeployment();

      const path = deploymentPath(options, chainId);
      const previous = existsSync(path) ? loadDeployment(path) : undefined;
      const deployment: Deployment = {
        chainId,
        registry: await registry.getAddress(),
        anchor: await anchor.getAddress(),
        deployer: deployer.address,
        blockNumber: receipt?.blockNumber ?? (await provider.getBlockNumber()),
        deployedAt: new Date().toISOString(),
        // Earlier deployments on the same chain stay listed: credentials anchored there must remain explainable.
        history:
          previous === undefined || previous.chainId !== chainId
            ? []
            : [
                ...previous.history,
                {
                  registry: previous.registry,
                  anchor: previous.anchor,
                  blockNumber: previous.blockNumber,
                  deployedAt: previous.deployedAt,
                },
              ],
      };
      saveDeployment(path, deployment);
      out.text(`IssuerRegistry    ${deployment.registry}\nCredentialAnchor  ${deployment.anchor}\nDeployment file   ${path}`);
      out.json({ ...deployment, file: path });
      provider.destroy();
    });
}
