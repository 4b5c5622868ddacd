import { TypedDataEncoder, Wallet } from "ethers";
import { buildBatchManifest } from "../../../core/src/buildBatchManifest";
import { buildCredential } from "../../../core/src/buildCredential";
import { contentId } from "../../../core/src/contentId";
import { canonicalize } from "../../../core/src/canonicalize";
import { digestCredential } from "../../../core/src/digestCredential";
import { hashPointerSet } from "../../../core/src/digestClaimHashes";
import { hashClaim } from "../../../core/src/hashClaim";
import { bytesToHex, type Hex } from "../../../core/src/hex";
import { keccak256 } from "../../../core/src/keccak256";
import { listClaims } from "../../../core/src/listClaims";
import { buildMerkleTree } from "../../../core/src/buildMerkleTree";
import { batchTypedData } from "../../../core/src/batchTypedData";
import { signBatch } from "../../../core/src/signBatch";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { buildLetterCredential } from "../../../core/src/kinds/buildLetterCredential";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import { gradingScaleBytes, gradingScaleCid } from "../../../core/src/kinds/GradingScale";
import { LETTER_RECORD, LETTER_TEMPLATE, SCALE, TRANSCRIPT_RECORD } from "./kindRecords";
import { ISSUER, POSTGRADUATE_RECORD, RECORD } from "./records";
import { seededRandom } from "./seededRandom";

/** Hardhat development key #1; its address is also the issuer id of the vectors. */
export const VECTOR_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
export const VECTOR_ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
export const VECTOR_CREDENTIAL_ID = "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11";
export const VECTOR_POSTGRADUATE_ID = "urn:uuid:8d3f6c2a-4e1b-4f7a-9c5d-0b2e7a1f3c64";
export const VECTOR_TRANSCRIPT_ID = "urn:uuid:2c7a4f10-93b5-4d2e-8a61-5f0c9e3b7d42";
export const VECTOR_LETTER_ID = "urn:uuid:e4b1d8a3-6c0f-4a79-b2d5-91f3a7c6e058";

const utf8 = (text: string) => new TextEncoder().encode(text);

function treeVector(size: number) {
  const leaves = Array.from({ length: size }, (_, i) => bytesToHex(keccak256(utf8(`credanchor:spec-vectors:leaf:${i}`))));
  const tree = buildMerkleTree(leaves);
  return { leaves: tree.leaves, root: tree.root, proofs: tree.leaves.map((_, i) => tree.proof(i)) };
}

/** Every SPEC §9 vector, computed from fixed inputs only (seeded salts, fixed id, deterministic ECDSA). */
export async function computeSpecVectors() {
  const wallet = new Wallet(VECTOR_KEY);

  const claimSalt = bytesToHex(seededRandom("credanchor:spec-vectors:claim")(32));
  const claim = { pointer: "/credentialSubject/name/zh-Hant", salt: claimSalt, value: "陳大文" };
  const claimVector = {
    ...claim,
    canonical: canonicalize(["credanchor:claim:v1", claim.pointer, claim.salt, claim.value]),
    claimHash: bytesToHex(hashClaim(claim.pointer, claim.salt, claim.value)),
  };

  const unsigned = buildCredential(RECORD, ISSUER, { id: VECTOR_CREDENTIAL_ID });
  const context = { chainId: 31337, anchor: VECTOR_ANCHOR, issuer: ISSUER.id, signer: wallet.address };
  const signed = await signBatch(wrapBatch([unsigned], context, { randomBytes: seededRandom("credanchor:spec-vectors:credential") }), wallet);
  const credential = signed.credentials[0];
  if (credential === undefined) throw new Error("no credential");
  const claimHashes = listClaims(credential).map(({ pointer, value }) => ({
    pointer,
    claimHash: bytesToHex(hashClaim(pointer, credential.proof.salts[pointer] as string, value)),
  }));
  const { digest, leaf } = digestCredential(credential);
  const pointers = claimHashes.map(({ pointer }) => pointer).sort();
  const pointerSet = { canonical: canonicalize(pointers), hash: bytesToHex(hashPointerSet(pointers)) };

  // A doctorate: no honours class, so no honours claim at all (SPEC §1).
  const postgraduateUnsigned = buildCredential(POSTGRADUATE_RECORD, ISSUER, { id: VECTOR_POSTGRADUATE_ID });
  const postgraduateBatch = wrapBatch([postgraduateUnsigned], context, { randomBytes: seededRandom("credanchor:spec-vectors:postgraduate") });
  const postgraduateCredential = (await signBatch(postgraduateBatch, wallet)).credentials[0];
  if (postgraduateCredential === undefined) throw new Error("no credential");
  const postgraduate = { json: postgraduateCredential, ...digestCredential(postgraduateCredential) };

  // SPEC §12: a transcript (its grading scale referenced by CID) and a letter, each alone in a batch of one.
  const transcriptBatch = wrapBatch([buildTranscriptCredential(TRANSCRIPT_RECORD, ISSUER, SCALE, { id: VECTOR_TRANSCRIPT_ID })], context, {
    randomBytes: seededRandom("credanchor:spec-vectors:transcript"),
  });
  const transcriptCredential = (await signBatch(transcriptBatch, wallet)).credentials[0];
  const letterBatch = wrapBatch([buildLetterCredential(LETTER_RECORD, LETTER_TEMPLATE, ISSUER, { id: VECTOR_LETTER_ID })], context, {
    randomBytes: seededRandom("credanchor:spec-vectors:letter"),
  });
  const letterCredential = (await signBatch(letterBatch, wallet)).credentials[0];
  if (transcriptCredential === undefined || letterCredential === undefined) throw new Error("no credential");

  const tree5 = treeVector(5);
  const typed = batchTypedData({ chainId: 31337, anchor: VECTOR_ANCHOR, issuer: wallet.address, root: tree5.root, count: 5 });
  const signature = (await wallet.signTypedData(typed.domain, typed.types, typed.message)) as Hex;

  const tree3 = treeVector(3);
  // The manifest of a batch of the 3-leaf tree, its leaves given in the order they were drawn (before sorting).
  const manifestInput = {
    chainId: 31337,
    anchor: VECTOR_ANCHOR,
    issuer: wallet.address,
    signer: wallet.address,
    root: tree3.root,
    leaves: [0, 1, 2].map((i) => bytesToHex(keccak256(utf8(`credanchor:spec-vectors:leaf:${i}`)))),
  };
  const manifestBytes = buildBatchManifest(manifestInput);

  return {
    claimHash: claimVector,
    credential: { json: credential, claimHashes, pointerSet, digest, leaf },
    postgraduate,
    gradingScale: { json: SCALE, text: new TextDecoder().decode(gradingScaleBytes(SCALE)), cid: gradingScaleCid(SCALE) },
    transcript: { json: transcriptCredential, ...digestCredential(transcriptCredential) },
    letter: { json: letterCredential, ...digestCredential(letterCredential) },
    tree3,
    tree5,
    batchManifest: { input: manifestInput, text: new TextDecoder().decode(manifestBytes), cid: contentId(manifestBytes) },
    eip712: {
      privateKey: VECTOR_KEY,
      signer: wallet.address,
      domain: typed.domain,
      message: typed.message,
      domainSeparator: TypedDataEncoder.hashDomain(typed.domain),
      structHash: TypedDataEncoder.from(typed.types).hash(typed.message),
      digest: TypedDataEncoder.hash(typed.domain, typed.types, typed.message),
      signature,
    },
  };
}
