/**
 * `@credanchor/core/protocol`: everything a verifier and a holder need, browser-safe — parsing, canonical form,
 * claims, digest, Merkle proofs, the batch manifest, links, revocation reasons and limits, the verification report
 * with its check codes, and the protocol's message catalogues. No network: chain reads come in through `ChainReader`.
 */
export * from "./src/batchTypedData";
export * from "./src/buildBatchManifest";
export * from "./src/bytes32";
export * from "./src/canonicalize";
export * from "./src/checkClaims";
export * from "./src/chain/ChainReader";
export * from "./src/contentId";
export * from "./src/Credential";
export * from "./src/decodeCredentialBytes";
export * from "./src/Deployment";
export * from "./src/digestClaimHashes";
export * from "./src/digestCredential";
export * from "./src/disclose";
export * from "./src/errors";
export * from "./src/exportVc";
export type { ClrExport } from "./src/vc/exportTranscriptClr";
export type { LetterVcExport } from "./src/vc/exportLetterVc";
export * from "./src/hashClaim";
export * from "./src/hex";
export * from "./src/i18n/createTranslator";
export * from "./src/i18n/formatDate";
export * from "./src/i18n/localisedDate";
export * from "./src/i18n/protocolCatalogues";
export * from "./src/i18n/translate";
export * from "./src/keccak256";
export * from "./src/sha256";
export * from "./src/kinds/AnyCredential";
export * from "./src/kinds/checkDisclosureRules";
export * from "./src/kinds/GradingScale";
export * from "./src/kinds/kindOf";
export * from "./src/kinds/LetterCredential";
export * from "./src/kinds/parseAnyCredential";
export * from "./src/kinds/readGradingScale";
export * from "./src/kinds/renderLetter";
export * from "./src/kinds/TranscriptCredential";
export * from "./src/listClaims";
export * from "./src/membersOf";
export * from "./src/merkle";
export * from "./src/parseApplicantList";
export * from "./src/parseCredential";
export * from "./src/parseJson";
export * from "./src/print/printLayout";
export * from "./src/print/PrintNode";
export * from "./src/print/receiptLayout";
export * from "./src/print/serialisePrintNode";
export * from "./src/readLocalisedText";
export * from "./src/recogniseInput";
export * from "./src/recoverPublicKey";
export * from "./src/reportHeadline";
export * from "./src/revocationReasons";
export * from "./src/share/base64Url";
export * from "./src/share/credentialLink";
export * from "./src/share/shareCrypto";
export * from "./src/share/shareLink";
export * from "./src/toCsv";
export * from "./src/unreadableReport";
export * from "./src/unzipCredentialFiles";
export * from "./src/VerificationReport";
export * from "./src/verifyCredential";
// Not LocalisedText: the credential schema exports its own (a zod schema of the same shape).
export { LANGUAGES, isLanguage, type Language } from "./src/i18n/Language";
