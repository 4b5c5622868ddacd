import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Wallet, type JsonRpcProvider } from "ethers";
import { Deployment, DeploymentError, KeyError } from "@credanchor/core/protocol";
import { decryptKeystore, readKeystoreFile, readPassphrase } from "./keystore";
import { createProvider, DEV_ACCOUNT_FOR_ROLE, DEV_CHAIN_ID, DEV_PRIVATE_KEYS, probeChainId, type KeyRole } from "@credanchor/core/chain";
import type { GlobalOptions } from "./options";

/**
 * Connects to the chain and learns its id once; the provider is then pinned to that network (see core's
 * createProvider). An unreachable chain is ChainError CHAIN_UNREACHABLE with the URL tried in its params, which the
 * CLI's catalogue words with how to point it elsewhere (--rpc, CREDANCHOR_RPC).
 */
export async function connect(rpcUrl: string): Promise<{ provider: JsonRpcProvider; chainId: number }> {
  const chainId = await probeChainId(rpcUrl);
  return { provider: createProvider(rpcUrl, chainId), chainId };
}

export function deploymentPath(options: Pick<GlobalOptions, "deployment">, chainId: number): string {
  return resolve(options.deployment ?? `deployments/${chainId}.json`);
}

export function loadDeployment(path: string, expectedChainId?: number): Deployment {
  if (!existsSync(path)) {
    throw new DeploymentError(`No deployment file at ${path}; run \`credanchor deploy\` or pass --deployment`, {
      code: "DEPLOYMENT_MISSING",
      params: { path },
    });
  }
  let deployment: Deployment;
  try {
    deployment = Deployment.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new DeploymentError(`Deployment file ${path} is not valid`, { code: "DEPLOYMENT_INVALID", params: { path }, cause: error });
  }
  if (expectedChainId !== undefined && deployment.chainId !== expectedChainId) {
    throw new DeploymentError(
      `Deployment file ${path} is for chain ${deployment.chainId} but the RPC serves chain ${expectedChainId}`,
      { code: "DEPLOYMENT_WRONG_CHAIN", params: { path, chainId: deployment.chainId, expected: expectedChainId } },
    );
  }
  return deployment;
}

export function saveDeployment(path: string, deployment: Deployment): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
}

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

function readKey(source: string): string {
  if (PRIVATE_KEY.test(source.trim())) return source.trim();
  if (!existsSync(source)) {
    throw new KeyError(`Key file ${source} does not exist`, { code: "KEY_MISSING", params: { source } });
  }
  const key = readFileSync(source, "utf8").trim();
  if (!PRIVATE_KEY.test(key)) {
    // Never echo the file's content: it may be a key in the wrong format.
    throw new KeyError(`Key file ${source} does not hold a 0x-prefixed 32-byte hex private key`, { code: "KEY_INVALID", params: { source } });
  }
  return key;
}

/**
 * The signing key of a command: --key-file / CREDANCHOR_KEY (an encrypted JSON keystore, a raw hex key file or the
 * hex key itself), or on the local dev chain only, a Hardhat dev account (the admin for governance, the first
 * university for issuing).
 */
export function loadSigner(options: GlobalOptions, provider: JsonRpcProvider, chainId: number, role: KeyRole): Wallet {
  if (options.keyFile !== undefined) {
    const keystore = readKeystoreFile(options.keyFile);
    const key =
      keystore === undefined
        ? readKey(options.keyFile)
        : decryptKeystore(keystore, readPassphrase(`keystore ${options.keyFile}`), options.keyFile);
    return new Wallet(key, provider);
  }
  if (chainId !== DEV_CHAIN_ID) {
    throw new KeyError(`Chain ${chainId} needs a signing key: pass --key-file or set CREDANCHOR_KEY`, {
      code: "KEY_REQUIRED",
      params: { chainId },
    });
  }
  const index = options.devAccount ?? DEV_ACCOUNT_FOR_ROLE[role];
  return new Wallet(DEV_PRIVATE_KEYS[index] as string, provider);
}
