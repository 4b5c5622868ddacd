import type { IssuerProfile } from "../buildCredential";
import { checksumAddress } from "../checksumAddress";

/** The issuer members every kind shares (SPEC §1). */
export function issuerMember(issuer: IssuerProfile) {
  return {
    id: `did:pkh:eip155:${issuer.chainId}:${checksumAddress(issuer.id)}`,
    type: ["Profile"],
    name: { en: issuer.nameEn.normalize("NFC"), "zh-Hant": issuer.nameZh.normalize("NFC") },
    ...(issuer.domain === undefined ? {} : { url: `https://${issuer.domain}` }),
  };
}
