/**
 * `@credanchor/core/chain`: the one typed client of the consortium chain — provider factory, reader, writer, revert
 * decoding, caching policy, revocation logs and the contracts' ABIs. Works over any ethers provider, in Node and in
 * the browser; contracts are built only here.
 */
export * from "./src/chain/AnchorCall";
export * from "./src/chain/cachedChainReader";
export * from "./src/chain/ChainEvent";
export * from "./src/chain/ChainReader";
export * from "./src/chain/ChainWriter";
export * from "./src/chain/createChainReader";
export * from "./src/chain/createChainWriter";
export * from "./src/chain/createJsonRpcClient";
export * from "./src/chain/createProvider";
export * from "./src/chain/createRedactor";
export * from "./src/chain/createRpcChainReader";
export * from "./src/chain/DecodedRevert";
export * from "./src/chain/decodeProposalCall";
export * from "./src/chain/decodeRevert";
export * from "./src/chain/DeploymentReader";
export * from "./src/chain/devAccounts";
export * from "./src/chain/encodeGovernanceCall";
export * from "./src/chain/encodeRegistryCall";
export * from "./src/chain/formatRevert";
export * from "./src/chain/GovernanceCall";
export * from "./src/chain/isRpcFailure";
export * from "./src/chain/JsonRpcClient";
export * from "./src/chain/probeChainId";
export * from "./src/chain/redactUrl";
export * from "./src/chain/RegistryCall";
export * from "./src/chain/revokedLeavesFromLogs";
export * from "./src/generated/abis";
