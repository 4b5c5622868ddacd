import { ZeroAddress, type Wallet } from "ethers";
import type { ChainClient } from "../chain/createChainClient";

export interface IssuerProfile {
  issuerId: string;
  nameEn: string;
  nameZh: string;
  domain: string;
}

/** The registry's issuer behind a signing key: the credentials must carry exactly the registered names. */
export async function resolveIssuer(chain: ChainClient, signer: Wallet): Promise<IssuerProfile> {
  const registry = chain.registry();
  const key = await registry.getFunction("signingKey")(signer.address);
  const issuerId = key.issuerId as string;
  if (issuerId === ZeroAddress) throw new Error(`Key ${signer.address} is not a signing key of any accredited university`);
  const profile = await registry.getFunction("issuer")(issuerId);
  return { issuerId, nameEn: profile.nameEn as string, nameZh: profile.nameZh as string, domain: profile.domain as string };
}
