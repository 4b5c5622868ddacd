import { verifySignature, wrapDocuments, type v2 } from "@govtechsg/open-attestation";
import type { AnyUnsignedCredential } from "@credanchor/core/protocol";

/**
 * The same degree (or transcript, letter) as an OpenAttestation v2 document (what OpenCerts issues): the credential's
 * content as OA data, plus the issuer block OA requires. OA salts and hashes every field of it, as we do every claim.
 */
export function openAttestationDocument(credential: AnyUnsignedCredential, documentStore: string, template = "DEGREE"): v2.OpenAttestationDocument {
  const { issuer, ...content } = credential;
  return {
    $template: { name: template, type: "EMBEDDED_RENDERER" as v2.TemplateType, url: "https://renderer.harbour.example.edu" },
    issuers: [{ name: issuer.name?.en ?? "", documentStore, identityProof: { type: "DNS-TXT" as v2.IdentityProofType, location: "harbour.example.edu" } }],
    ...content,
    issuerProfile: issuer,
  } as unknown as v2.OpenAttestationDocument;
}

export interface OpenAttestationResult {
  n: number;
  wrapSeconds: number;
  verifySeconds: number;
  wrappedBytesAverage: number;
  allVerified: boolean;
}

/** OA's `wrapDocuments` on all documents (one batch, one Merkle root) and `verifySignature` on every result. */
export function runOpenAttestation(documents: v2.OpenAttestationDocument[]): OpenAttestationResult {
  let started = performance.now();
  const wrapped = wrapDocuments(documents);
  const wrapSeconds = (performance.now() - started) / 1000;
  let bytes = 0;
  for (let i = 0; i < wrapped.length; i += 100) bytes += JSON.stringify(wrapped[i]).length;
  started = performance.now();
  let allVerified = true;
  for (const document of wrapped) allVerified = verifySignature(document) && allVerified;
  const verifySeconds = (performance.now() - started) / 1000;
  return { n: documents.length, wrapSeconds, verifySeconds, wrappedBytesAverage: bytes / Math.ceil(wrapped.length / 100), allVerified };
}
