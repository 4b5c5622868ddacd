/**
 * `@credanchor/core/chain`: the one typed client of the consortium chain — reader, caching policy, revocation logs
 * and the contracts' ABIs. Works over any ethers provider, in Node and in the browser.
 */
export * from "./src/chain/ChainReader";
export * from "./src/chain/cachedChainReader";
export * from "./src/chain/createChainReader";
export * from "./src/chain/revokedLeavesFromLogs";
export * from "./src/generated/abis";
export * from "./src/chain/devAccounts";
