import { z } from "zod";
import { getAddress, isAddress } from "ethers";

const Address = z
  .string()
  .refine((value) => isAddress(value), { message: "not an Ethereum address" })
  .transform((value) => getAddress(value));

/**
 * Where the consortium's contracts live on one chain. Written by `credanchor deploy` to
 * `deployments/<chainId>.json`; read by every verifier. `history` keeps earlier deployments on the same chain so
 * that a redeploy never silently orphans credentials anchored on the previous contracts.
 */
export const Deployment = z
  .object({
    chainId: z.number().int().positive(),
    registry: Address,
    anchor: Address,
    deployer: Address,
    /** The deployment's first block: the registry's, where the monitor must start (`--since deployment`). */
    blockNumber: z.number().int().nonnegative(),
    /** The CredentialAnchor's block (the registry's or later). */
    anchorBlockNumber: z.number().int().nonnegative().optional(),
    /**
     * The CredentialLens: one call answers a verification's chain reads. Optional; without it verifiers make each
     * read on its own. It serves the `history` deployments too (it is told which contracts to read).
     */
    lens: Address.optional(),
    deployedAt: z.string().datetime(),
    history: z
      .array(
        z.object({
          registry: Address,
          anchor: Address,
          blockNumber: z.number().int().nonnegative(),
          deployedAt: z.string().datetime(),
        }).strict(),
      )
      .default([]),
  })
  .strict();
export type Deployment = z.infer<typeof Deployment>;
