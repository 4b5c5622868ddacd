/**
 * `@credanchor/core/issue`: what an issuer needs on top of the protocol — graduate input, credential building,
 * salting, the batch tree and the EIP-712 batch signature.
 */
export * from "./src/GraduateRecord";
export * from "./src/buildCredential";
export * from "./src/buildMerkleTree";
export * from "./src/credentialFileNamer";
export * from "./src/generateSalt";
export * from "./src/issueBatch";
export * from "./src/honours";
export * from "./src/parseGraduateFile";
export * from "./src/signBatch";
export * from "./src/wrapBatch";
export * from "./src/content/ContentStore";
export * from "./src/content/createDirectoryStore";
