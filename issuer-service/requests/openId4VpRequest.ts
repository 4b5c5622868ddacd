import { LETTER_TYPE, TRANSCRIPT_TYPE, type CredentialKind } from "@credanchor/core/protocol";
import type { InstitutionRequest } from "./institutionRequests";
import type { Hideable } from "./RequestInput";

/** A claims path pointer (OpenID4VP 1.0 §7): object keys, `null` for every element of an array. */
type ClaimPath = (string | null)[];

interface ClaimsQuery {
  id: string;
  path: ClaimPath;
}

interface CredentialQuery {
  id: CredentialKind;
  format: "ldp_vc";
  multiple: true;
  meta: { type_values: string[][] };
  require_cryptographic_holder_binding: false;
  claims: ClaimsQuery[];
  claim_sets?: string[][];
}

/** A request's Digital Credentials Query (OpenID4VP 1.0 §6). */
export interface DcqlQuery {
  credentials: CredentialQuery[];
  credential_sets?: { options: CredentialKind[][]; required: true }[];
}

/** The request as the body of an OpenID4VP 1.0 Authorization Request (its request object's claims). */
export interface OpenId4VpRequest {
  response_type: "vp_token";
  dcql_query: DcqlQuery;
  nonce: string;
  /** The request's own expiry, in seconds since the epoch: a wallet refuses the request object after it. */
  exp: number;
}

/**
 * One claim of a kind: where it is in the credential as held (SPEC §1, §12), the name a request accepts it hidden
 * under when the kind lets a holder hide it, and whether every credential of the kind has it.
 */
interface KindClaim {
  id: string;
  path: ClaimPath;
  hiddenAs?: Hideable;
  always: boolean;
}

const subject = (...path: ClaimPath): ClaimPath => ["credentialSubject", ...path];

/**
 * The claims each kind shows, as the portal's submission knows them: an award's hideable claims are its five
 * fields, a transcript's its sections (its GPA section is the cumulative and every term's GPA), a letter hides
 * nothing.
 */
const KIND_CLAIMS: Record<CredentialKind, readonly KindClaim[]> = {
  award: [
    { id: "student_id", path: subject("studentId"), hiddenAs: "studentId", always: true },
    { id: "name", path: subject("name"), always: true },
    { id: "degree", path: subject("degree"), always: true },
    { id: "major", path: subject("major"), hiddenAs: "major", always: true },
    { id: "honours", path: subject("honours"), hiddenAs: "honours", always: false },
    { id: "award_date", path: subject("awardDate"), always: true },
    { id: "gpa", path: subject("gpa"), hiddenAs: "gpa", always: false },
    { id: "date_of_birth", path: subject("dateOfBirth"), hiddenAs: "dateOfBirth", always: false },
  ],
  transcript: [
    { id: "student_id", path: subject("studentId"), always: true },
    { id: "name", path: subject("name"), always: true },
    { id: "date_of_birth", path: subject("dateOfBirth"), hiddenAs: "dateOfBirth", always: false },
    { id: "programme", path: subject("programme"), always: true },
    { id: "status", path: subject("status"), always: true },
    { id: "courses", path: subject("terms", null, "courses", null, "code"), always: true },
    { id: "grades", path: subject("terms", null, "courses", null, "grade"), always: true },
    { id: "marks", path: subject("terms", null, "courses", null, "mark"), hiddenAs: "marks", always: false },
    { id: "term_gpa", path: subject("terms", null, "gpa"), hiddenAs: "gpa", always: false },
    { id: "cumulative_gpa", path: subject("cumulativeGpa"), hiddenAs: "gpa", always: false },
    { id: "credits_earned", path: subject("creditsEarned"), always: true },
  ],
  letter: [
    { id: "student_id", path: subject("studentId"), always: true },
    { id: "name", path: subject("name"), always: true },
    { id: "letter", path: subject("letter"), always: true },
  ],
};

/**
 * Fully expanded type IRIs after the credentials' @context (OpenID4VP 1.0 Appendix B.1.1, `type_values`): the VC 2.0
 * context maps VerifiableCredential into the 2018 credentials vocabulary and, through its @vocab, the kind's own type
 * (defined by neither context) into the issuer-dependent one.
 */
const VC_TYPE = "https://www.w3.org/2018/credentials#VerifiableCredential";
const KIND_TYPE: Record<CredentialKind, string> = {
  award: "DegreeCredential",
  transcript: TRANSCRIPT_TYPE,
  letter: LETTER_TYPE,
};
const issuerDependent = (type: string) => `https://www.w3.org/ns/credentials/issuer-dependent#${type}`;

/** Every subset of `items`, largest first and, within one size, in the items' order: options in order of preference. */
function subsetsLargestFirst<T>(items: readonly T[]): T[][] {
  const subsets: T[][] = [[]];
  for (const item of items) subsets.push(...subsets.map((subset) => [...subset, item]));
  return subsets.sort((a, b) => b.length - a.length || items.indexOf(a[0]!) - items.indexOf(b[0]!));
}

function credentialQuery(kind: CredentialKind, acceptsHidden: readonly Hideable[]): CredentialQuery {
  const claims = KIND_CLAIMS[kind];
  // A claim is optional when the request accepts it hidden or a credential of the kind may not have it; one that
  // may be absent but is not accepted hidden is still in the first, preferred option, so a holder who has it shows it.
  const optional = (claim: KindClaim) => (claim.hiddenAs !== undefined && acceptsHidden.includes(claim.hiddenAs)) || !claim.always;
  const required = claims.filter((claim) => !optional(claim)).map((claim) => claim.id);
  // Claims hidden together (a transcript's GPA section) come and go together.
  const groups = [...new Set(claims.filter(optional).map((claim) => claim.hiddenAs ?? claim.id))];
  const members = (group: string) => claims.filter((claim) => optional(claim) && (claim.hiddenAs ?? claim.id) === group).map((claim) => claim.id);
  return {
    id: kind,
    format: "ldp_vc",
    multiple: true,
    meta: { type_values: [[VC_TYPE, issuerDependent(KIND_TYPE[kind])]] },
    require_cryptographic_holder_binding: false,
    claims: claims.map(({ id, path }) => ({ id, path })),
    ...(groups.length === 0 ? {} : { claim_sets: subsetsLargestFirst(groups).map((chosen) => [...required, ...chosen.flatMap(members)].sort((a, b) => claims.findIndex((claim) => claim.id === a) - claims.findIndex((claim) => claim.id === b))) }),
  };
}

/**
 * A request as an OpenID4VP 1.0 Authorization Request, so that a wallet could answer the same request (docs/REQUESTS.md):
 * one DCQL credential query per kind asked for, `ldp_vc` (the credential as held is a W3C VC 2.0 JSON-LD document
 * carrying its own embedded proof; it has no JWS for `jwt_vc_json`) and no holder binding (credentials are not bound
 * to a holder key), asking every claim of the kind, with those the request accepts hidden (and those a credential
 * may lack) optional through `claim_sets`; with several kinds, any non-empty combination of them, all preferred.
 * The organisation's message is not part of it (the wallet shows the verifier's verified name), nor the university,
 * which DCQL's trusted authority types (aki, etsi_tl, openid_federation) cannot name: the verifier checks the issuer
 * against the registry on receipt.
 */
export function openId4VpRequest(request: Pick<InstitutionRequest, "kinds" | "acceptsHidden" | "expiresAt">, nonce: string): OpenId4VpRequest {
  const kinds = [...request.kinds];
  return {
    response_type: "vp_token",
    dcql_query: {
      credentials: kinds.map((kind) => credentialQuery(kind, request.acceptsHidden)),
      ...(kinds.length === 1 ? {} : { credential_sets: [{ options: subsetsLargestFirst(kinds).filter((option) => option.length > 0), required: true }] }),
    },
    nonce,
    exp: Math.floor(Date.parse(request.expiresAt) / 1000),
  };
}
