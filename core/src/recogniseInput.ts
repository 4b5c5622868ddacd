import { BATCH_MANIFEST_TYPE } from "./buildBatchManifest";
import { PROOF_TYPE } from "./Credential";

/**
 * What a piece of text handed to a verifier is. `credential` and `vcExport` are verified; everything else is named
 * in one sentence instead of being reported as a broken credential.
 */
export type InputKind = "credential" | "vcExport" | "batchReport" | "batchManifest" | "openCerts" | "blockcerts" | "otherJson" | "notJson";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const typeOf = (value: unknown): unknown => (isObject(value) ? value.type : undefined);
const contexts = (document: Json): string[] => {
  const context = document["@context"];
  return (Array.isArray(context) ? context : [context]).filter((entry): entry is string => typeof entry === "string");
};

/**
 * Recognises the inputs people drop on a verifier by mistake, from their documented markers only: the registrar's
 * batch report (`root` + `credentialIds`, written by `credanchor issue` and the service's ZIP), a batch manifest
 * (SPEC §7.1), a VC export (SPEC §10), an OpenAttestation/OpenCerts document (v2: `version` names its schema or
 * `signature.type` is `SHA3MerkleProof`; v3+: an openattestation.com context) and a Blockcerts certificate (its
 * w3id.org context, or its Merkle proof types). Plain JSON.parse, not the verifier's strict parser: recognising a
 * file must not fail on what verifying it would reject.
 */
export function recogniseInput(text: string): InputKind {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return "notJson";
  }
  if (!isObject(document)) return "otherJson";
  const proof = document.proof;
  if (isObject(proof) && isObject(proof.originalCredential)) return "vcExport";
  if (typeOf(proof) === PROOF_TYPE) return "credential";
  if (document.type === BATCH_MANIFEST_TYPE) return "batchManifest";
  if (typeof document.root === "string" && Array.isArray(document.credentialIds)) return "batchReport";
  const context = contexts(document);
  if (
    (typeof document.version === "string" && document.version.includes("openattestation.com")) ||
    typeOf(document.signature) === "SHA3MerkleProof" ||
    context.some((entry) => entry.includes("openattestation.com"))
  ) {
    return "openCerts";
  }
  if (
    context.some((entry) => entry.includes("w3id.org/blockcerts")) ||
    ["MerkleProof2017", "MerkleProof2019", "ChainpointSHA256v2"].includes(String(typeOf(document.signature) ?? typeOf(proof)))
  ) {
    return "blockcerts";
  }
  const type = document.type;
  if (Array.isArray(type) && type.includes("DegreeCredential")) return "credential";
  return "otherJson";
}
