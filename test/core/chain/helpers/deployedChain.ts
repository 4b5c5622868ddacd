import { ContractFactory, Wallet, type JsonRpcProvider } from "ethers";
import { DEV_PRIVATE_KEYS } from "../../../../core/src/chain/devAccounts";
import { createChainWriter } from "../../../../core/src/chain/createChainWriter";
import { createProvider } from "../../../../core/src/chain/createProvider";
import type { Deployment } from "../../../../core/src/Deployment";
import { freePort, startLocalChain, type LocalChain } from "../../../../scripts/lib/localChain";
// The bytecode `credanchor deploy` ships (generated at install from a clean compile): Hardhat's artifacts folder holds
// solidity-coverage's instrumented, oversized contracts right after `npm run coverage`.
import { CredentialAnchor, CredentialLens, IssuerRegistry } from "../../../../cli/generated/contracts";

export interface DeployedChain {
  chain: LocalChain;
  provider: JsonRpcProvider;
  deployment: Pick<Deployment, "chainId" | "anchor" | "registry" | "blockNumber" | "lens">;
  /** Dev account #0: the only council member, threshold 1. */
  admin: Wallet;
  stop(): Promise<void>;
}

/** Registry (`admin` its only council member, threshold 1), anchor and lens, deployed by `admin`. */
export async function deployContracts(admin: Wallet): Promise<DeployedChain["deployment"]> {
  const registry = await new ContractFactory(IssuerRegistry.abi, IssuerRegistry.bytecode, admin).deploy([admin.address], 1);
  await registry.waitForDeployment();
  const anchor = await new ContractFactory(CredentialAnchor.abi, CredentialAnchor.bytecode, admin).deploy(await registry.getAddress());
  await anchor.waitForDeployment();
  const lens = await new ContractFactory(CredentialLens.abi, CredentialLens.bytecode, admin).deploy();
  await lens.waitForDeployment();
  return { chainId: 31337, registry: await registry.getAddress(), anchor: await anchor.getAddress(), lens: await lens.getAddress(), blockNumber: 0 };
}

/** A real Hardhat node (over HTTP, as the apps reach a chain) with the registry, the anchor and the lens deployed. */
export async function startDeployedChain(): Promise<DeployedChain> {
  const chain = await startLocalChain(await freePort());
  const provider = createProvider(chain.url, 31337);
  const admin = new Wallet(DEV_PRIVATE_KEYS[0], provider);
  try {
    const deployment = await deployContracts(admin);
    return {
      chain,
      provider,
      deployment,
      admin,
      async stop() {
        provider.destroy();
        await chain.stop();
      },
    };
  } catch (error) {
    provider.destroy();
    await chain.stop();
    throw error;
  }
}

/** Dev account #1, accredited as Harbour University by the council (one member, threshold 1), connected to the node. */
export async function accreditedUniversity(node: DeployedChain): Promise<Wallet> {
  const university = new Wallet(DEV_PRIVATE_KEYS[1], node.provider);
  const council = createChainWriter(node.admin, node.deployment);
  const { proposalId } = await council.propose({ function: "accredit", args: [university.address, "Harbour University", "海港大學", "harbour.example.edu"] });
  await (await council.execute(proposalId)).wait();
  return university;
}
