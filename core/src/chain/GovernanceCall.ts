import type { AnchorCall } from "./AnchorCall";
import type { RegistryCall } from "./RegistryCall";

/** Anything a council proposal can call: the registry's administration or the anchor's revocations. */
export type GovernanceCall = RegistryCall | AnchorCall;
