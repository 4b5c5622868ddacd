import { getAddress } from "ethers";
import type { AnyCredential } from "../kinds/AnyCredential";
import type { ChainReader } from "../chain/ChainReader";
import type { Deployment } from "../Deployment";

/** A verifier's deployment: the current contracts and, optionally, the earlier ones the consortium still lists. */
export type VerifierDeployment = Pick<Deployment, "chainId" | "anchor" | "registry"> & { history?: readonly { anchor: string; registry: string }[] };

/**
 * The contracts a credential is checked against (SPEC §8.1): the deployment's own, or the earlier deployment in its
 * `history` whose anchor the credential names — the consortium keeps listing an earlier deployment for as long as
 * credentials anchored there stay valid, and removing it from the published file withdraws them. Anything else keeps
 * the current contracts, so ANCHOR says ANCHOR_WRONG_CONTRACT. A reader that cannot read other contracts
 * (`forContracts` missing) keeps the current ones too.
 */
export function deploymentOfCredential(
  credential: AnyCredential,
  deployment: VerifierDeployment,
  reader: ChainReader,
): { deployment: Pick<Deployment, "chainId" | "anchor" | "registry">; reader: ChainReader } {
  // Compared without EIP-55 checksums (a Keccak each, on every credential of a bulk run): the schema checked the address.
  const named = credential.proof.anchor.toLowerCase();
  const earlier = named === deployment.anchor.toLowerCase() ? undefined : deployment.history?.find((entry) => entry.anchor.toLowerCase() === named);
  if (earlier === undefined || reader.forContracts === undefined || credential.proof.chainId !== deployment.chainId) return { deployment, reader };
  const contracts = { anchor: getAddress(earlier.anchor), registry: getAddress(earlier.registry) };
  return { deployment: { chainId: deployment.chainId, ...contracts }, reader: reader.forContracts(contracts) };
}
