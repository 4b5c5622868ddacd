/**
 * The OpenID4VP 1.0 mapping of a request, checked against the DCQL structure of the final specification (§6): the
 * members and their types, identifiers, claims path pointers, and that claim_sets and credential_sets name only
 * queries that exist.
 */
import { expect } from "chai";
import { openId4VpRequest, type DcqlQuery } from "../../issuer-service/requests/openId4VpRequest";

const ID = /^[A-Za-z0-9_-]+$/;

/** Every rule of OpenID4VP 1.0 §6.1–6.4 a query must keep; returns the problems found. */
function dcqlProblems(query: DcqlQuery): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(Array.isArray(query.credentials) && query.credentials.length > 0, "credentials must be a non-empty array");
  const credentialIds = query.credentials.map((credential) => credential.id);
  check(new Set(credentialIds).size === credentialIds.length, "credential query ids must be unique");
  for (const credential of query.credentials) {
    check(ID.test(credential.id), `${credential.id}: id must be alphanumeric, underscore or hyphen`);
    check(typeof credential.format === "string", `${credential.id}: format is required`);
    check(typeof credential.meta === "object" && credential.meta !== null, `${credential.id}: meta is required`);
    const types = credential.meta.type_values;
    check(Array.isArray(types) && types.length > 0 && types.every((set) => set.length > 0 && set.every((type) => /^https?:\/\//.test(type))), `${credential.id}: type_values must be non-empty arrays of expanded IRIs`);
    check(credential.claims.length > 0, `${credential.id}: claims, when present, must not be empty`);
    const claimIds = credential.claims.map((claim) => claim.id);
    check(new Set(claimIds).size === claimIds.length, `${credential.id}: claim ids must be unique`);
    for (const claim of credential.claims) {
      check(ID.test(claim.id), `${credential.id}.${claim.id}: claim id must be alphanumeric, underscore or hyphen`);
      check(claim.path.length > 0 && claim.path.every((step) => step === null || typeof step === "string" || (Number.isInteger(step) && (step as number) >= 0)), `${credential.id}.${claim.id}: path must be a claims path pointer`);
    }
    if (credential.claim_sets !== undefined) {
      check(credential.claim_sets.length > 0, `${credential.id}: claim_sets must not be empty`);
      check(credential.claim_sets.every((set) => set.length > 0 && set.every((id) => claimIds.includes(id))), `${credential.id}: claim_sets must name its claims`);
    }
  }
  for (const set of query.credential_sets ?? []) {
    check(set.options.length > 0 && set.options.every((option) => option.length > 0 && option.every((id) => credentialIds.includes(id))), "credential_sets options must name credential queries");
  }
  return problems;
}

const EXPIRES = "2027-03-01T00:00:00.000Z";
const map = (kinds: ("award" | "transcript" | "letter")[], acceptsHidden: ("gpa" | "dateOfBirth" | "honours" | "major" | "studentId" | "marks")[]) =>
  openId4VpRequest({ kinds, acceptsHidden, expiresAt: EXPIRES }, "n-0S6_WzA2Mj");

describe("openId4VpRequest: a request as an OpenID4VP 1.0 Authorization Request with a DCQL query", () => {
  it("asks for an award as ldp_vc of its expanded types, without holder binding, with the request's expiry and the nonce given", () => {
    const mapped = map(["award"], ["gpa"]);
    expect(mapped).to.include({ response_type: "vp_token", nonce: "n-0S6_WzA2Mj", exp: Date.parse(EXPIRES) / 1000 });
    expect(dcqlProblems(mapped.dcql_query)).to.deep.equal([]);
    const [award] = mapped.dcql_query.credentials;
    expect(award).to.include({ id: "award", format: "ldp_vc", multiple: true, require_cryptographic_holder_binding: false });
    expect(award!.meta.type_values).to.deep.equal([["https://www.w3.org/2018/credentials#VerifiableCredential", "https://www.w3.org/ns/credentials/issuer-dependent#DegreeCredential"]]);
    expect(award!.claims.find((claim) => claim.id === "gpa")!.path).to.deep.equal(["credentialSubject", "gpa"]);
    expect(mapped.dcql_query).not.to.have.property("credential_sets");
  });

  it("makes optional exactly what the request accepts hidden and what an award may lack, preferring everything first", () => {
    const sets = map(["award"], ["gpa"]).dcql_query.credentials[0]!.claim_sets!;
    const required = ["student_id", "name", "degree", "major", "award_date"];
    expect(sets[0], "the preferred option: every claim").to.deep.equal(["student_id", "name", "degree", "major", "honours", "award_date", "gpa", "date_of_birth"]);
    expect(sets.at(-1), "the last option: only what must be shown").to.deep.equal(required);
    expect(sets.every((set) => required.every((id) => set.includes(id))), "no option leaves out a required claim").to.equal(true);
    expect(sets.some((set) => !set.includes("gpa") && set.includes("date_of_birth")), "GPA may be left out alone").to.equal(true);
    expect(sets).to.have.length(8);
    const studentIdHidden = map(["award"], ["gpa", "studentId"]).dcql_query.credentials[0]!.claim_sets!;
    expect(studentIdHidden.at(-1)).to.deep.equal(["name", "degree", "major", "award_date"]);
  });

  it("keeps a transcript's GPA section together (cumulative and every term's) and asks a letter for everything", () => {
    const transcript = map(["transcript"], ["gpa"]).dcql_query.credentials[0]!;
    expect(dcqlProblems({ credentials: [transcript] })).to.deep.equal([]);
    expect(transcript.claim_sets!.every((set) => set.includes("term_gpa") === set.includes("cumulative_gpa"))).to.equal(true);
    expect(transcript.claims.find((claim) => claim.id === "marks")!.path).to.deep.equal(["credentialSubject", "terms", null, "courses", null, "mark"]);
    expect(transcript.meta.type_values[0]![1]).to.equal("https://www.w3.org/ns/credentials/issuer-dependent#TranscriptCredential");
    const letter = map(["letter"], ["gpa"]).dcql_query.credentials[0]!;
    expect(letter.claims.map((claim) => claim.id)).to.deep.equal(["student_id", "name", "letter"]);
    expect(letter).not.to.have.property("claim_sets");
  });

  it("answers several kinds with any non-empty combination of them, all of them preferred", () => {
    const query = map(["award", "transcript"], []).dcql_query;
    expect(dcqlProblems(query)).to.deep.equal([]);
    expect(query.credential_sets).to.deep.equal([{ options: [["award", "transcript"], ["award"], ["transcript"]], required: true }]);
  });

  it("finds a broken query (the check above can fail)", () => {
    const query = map(["award"], ["gpa"]).dcql_query;
    const broken = { credentials: [{ ...query.credentials[0]!, id: "award kind" as "award", claim_sets: [["nope"]] }] };
    expect(dcqlProblems(broken)).to.have.length(2);
  });
});
