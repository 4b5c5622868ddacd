/**
 * `@credanchor/core/issue`: what an issuer needs on top of the protocol — graduate input and its one validator
 * (validateGraduateRecord), credential building, salting, the batch tree, the EIP-712 batch signature, `issueBatch`
 * (all of it up to the anchoring transaction) and the directory content store for batch manifests.
 */
export * from "./src/buildCredential";
export * from "./src/buildMerkleTree";
export * from "./src/content/ContentStore";
export * from "./src/content/createDirectoryStore";
export * from "./src/credentialFileNamer";
export * from "./src/displayValue";
export * from "./src/generateSalt";
export * from "./src/graduateColumns";
export * from "./src/GraduateRecord";
export * from "./src/recordOfCredential";
export * from "./src/graduateRowError";
export * from "./src/hongKongDate";
export * from "./src/honours";
export * from "./src/issueBatch";
export * from "./src/kinds/buildKindCredential";
export * from "./src/kinds/buildLetterCredential";
export * from "./src/kinds/credentialFileStem";
export * from "./src/kinds/IssueKind";
export * from "./src/kinds/buildTranscriptCredential";
export * from "./src/kinds/LetterTemplate";
export * from "./src/kinds/parseKindFile";
export * from "./src/kinds/parseLetterFile";
export * from "./src/kinds/parseTranscriptFile";
export * from "./src/kinds/recordOfKindCredential";
export * from "./src/kinds/TranscriptRecord";
export * from "./src/parseGraduateFile";
export * from "./src/signBatch";
export * from "./src/validateGraduateRecord";
export * from "./src/wrapBatch";
