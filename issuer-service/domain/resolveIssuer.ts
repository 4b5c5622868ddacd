import type { Wallet } from "ethers";
import { IssuanceError } from "@credanchor/core/protocol";
import type { ChainClient } from "../chain/createChainClient";

export interface IssuerProfile {
  issuerId: string;
  nameEn: string;
  nameZh: string;
  domain: string;
}

/** The registry's issuer behind a signing key: the credentials must carry exactly the registered names. */
export async function resolveIssuer(chain: ChainClient, signer: Wallet): Promise<IssuerProfile> {
  const profile = await chain.reader.issuerOfKey(signer.address);
  if (profile === null) {
    throw new IssuanceError(`Key ${signer.address} is not a signing key of any accredited university`, {
      code: "ISSUER_KEY_UNKNOWN",
      params: { key: signer.address },
    });
  }
  return { issuerId: profile.issuerId, nameEn: profile.nameEn, nameZh: profile.nameZh, domain: profile.domain };
}
