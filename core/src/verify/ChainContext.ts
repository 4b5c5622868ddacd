import type { BlockRef, ChainReader } from "../chain/ChainReader";
import type { Deployment } from "../Deployment";

/** The chain state one report is checked against: a reader, the expected deployment, and the pinned block. */
export interface ChainContext {
  reader: ChainReader;
  deployment: Pick<Deployment, "chainId" | "anchor" | "registry">;
  block: BlockRef;
}
