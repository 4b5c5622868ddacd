/**
 * The inbox's logic without a browser (issue 18 item 3): what a reviewer is shown of a verified credential, the
 * claimed details checked against it, the filters, and the bilingual CSV export of what is on screen.
 */
import { expect } from "chai";
import type { CheckResult, VerificationReport } from "../../core/src/VerificationReport";
import { checkSubmittedClaims } from "../../issuer-service/inbox/checkSubmittedClaims";
import { filterRows } from "../../issuer-service/inbox/filterRows";
import { inboxCsv } from "../../issuer-service/inbox/inboxCsv";
import type { InboxRequest, InboxRow } from "../../issuer-service/inbox/InboxRow";
import { verifiedCredential } from "../../issuer-service/inbox/verifiedCredential";
import { readCsv } from "../lib/readCsv";

const CHECKS = ["FORMAT", "INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"] as const;
const message = { en: "", "zh-Hant": "" };

/** A report as core writes one: every check VALID unless `failing` replaces it. */
function report(kind: "award" | "transcript", failing: CheckResult | null = null): VerificationReport {
  const checks: CheckResult[] = CHECKS.map((check) => {
    if (failing?.check === check) return failing;
    const data = check === "ANCHOR" ? { blockNumber: 42 } : check === "ISSUER" ? { nameEn: "Harbour University", nameZh: "海港大學" } : undefined;
    return { check, status: "VALID", code: "OK", message, ...(data === undefined ? {} : { data }) };
  });
  const status = failing === null ? "VALID" : failing.status === "ERROR" ? "ERROR" : "INVALID";
  return {
    valid: failing === null,
    status,
    checks,
    credential: { id: "urn:uuid:1", kind, issuer: "harbour", subject: "s", hiddenClaims: [] },
    chain: null,
    verifiedAt: "2026-12-01T09:30:00.000Z",
    at: "2026-12-01T09:30:00.000Z",
  };
}

const AWARD = {
  credentialSubject: {
    studentId: "HU2025001",
    name: { en: "Chan Tai Man", "zh-Hant": "陳大文" },
    degree: { en: "Bachelor of Science", "zh-Hant": "理學士" },
    awardDate: "2025-06-30",
  },
};
const TRANSCRIPT = {
  credentialSubject: {
    studentId: "HU2026001",
    name: { en: "Chan Tai Man", "zh-Hant": "陳大文" },
    programme: { en: "Bachelor of Science in Chemistry", "zh-Hant": "化學理學士" },
    completionDate: "2026-06-30",
  },
};
const REVOKED: CheckResult = {
  check: "STATUS",
  status: "INVALID",
  code: "STATUS_REVOKED",
  message,
  data: { revokedAt: "2026-11-30T10:00:00.000Z", reasonCode: "IssuedInError" },
};

function request(reference: string, overrides: Partial<InboxRequest> = {}): InboxRequest {
  return {
    id: `id-${reference}`,
    link: `http://127.0.0.1/my/requests/id-${reference}`,
    status: "submitted",
    organisation: { id: "pacific", name: { en: "Pacific", "zh-Hant": "太平洋" } },
    message: "Please send your degree.",
    kinds: ["award"],
    university: null,
    acceptsHidden: [],
    applicantReference: reference,
    claimed: { name: "Chan Tai Man", award: "Bachelor of Science", university: "Harbour University", awardYear: "2025" },
    createdAt: "2026-11-01T00:00:00.000Z",
    expiresAt: "2026-12-31T00:00:00.000Z",
    openedAt: null,
    submission: { submittedAt: "2026-11-02T00:00:00.000Z", withdrawnAt: null, credentials: 1 },
    ...overrides,
  };
}

describe("issuer service: the inbox's rows, claims check and CSV", () => {
  it("shows what a VALID award and transcript hold, the registry's name for the issuer and the anchoring block", () => {
    const award = verifiedCredential(AWARD, report("award"));
    expect(award).to.deep.include({ kind: "award", status: "VALID", studentId: "HU2025001", awardDate: "2025-06-30", blockNumber: 42 });
    expect(award.university).to.deep.equal({ en: "Harbour University", "zh-Hant": "海港大學" });
    expect(award.headline.en).to.equal("Valid — issued by Harbour University, unchanged and not revoked");
    const transcript = verifiedCredential(TRANSCRIPT, report("transcript"));
    expect(transcript.award).to.deep.equal({ en: "Bachelor of Science in Chemistry", "zh-Hant": "化學理學士" });
    expect(transcript.awardDate).to.equal("2026-06-30");
  });

  it("gives a revoked credential's reason, and shows nothing of a document that is no credential", () => {
    const revoked = verifiedCredential(AWARD, report("award", REVOKED));
    expect(revoked.status).to.equal("INVALID");
    expect(revoked.headline.en).to.equal("Revoked on 30 November 2026 — issued in error");
    expect(revoked.headline["zh-Hant"]).to.match(/^已於2026年11月30日撤銷/);
    const unreadable = verifiedCredential(AWARD, { ...report("award"), status: "INVALID", credential: null });
    expect([unreadable.name, unreadable.studentId, unreadable.award]).to.deep.equal([null, null, null]);
  });

  it("checks the claimed details field by field against a VALID credential only, a name in either language", () => {
    const valid = verifiedCredential(AWARD, report("award"));
    const [all] = checkSubmittedClaims("APP-1", request("APP-1").claimed, [valid]);
    expect(all!.claims).to.deep.equal({ name: "match", award: "match", university: "match", year: "match" });
    const [chinese] = checkSubmittedClaims("APP-1", { name: "陳 大文", award: "", university: "海港大學", awardYear: "2024" }, [valid]);
    expect(chinese!.claims).to.deep.equal({ name: "match", award: "notClaimed", university: "match", year: "mismatch" });
    const [other] = checkSubmittedClaims("APP-1", { ...request("APP-1").claimed, name: "Lee Siu Ming" }, [verifiedCredential(TRANSCRIPT, report("transcript"))]);
    expect(other!.claims).to.include({ name: "mismatch", award: "mismatch", year: "mismatch" });
    const [revoked] = checkSubmittedClaims("APP-1", request("APP-1").claimed, [verifiedCredential(AWARD, report("award", REVOKED))]);
    expect(revoked!.claims).to.equal(null);
  });

  const rows: InboxRow[] = [
    { request: request("APP-01"), submission: { state: "verified", credentials: checkSubmittedClaims("APP-01", request("APP-01").claimed, [verifiedCredential(AWARD, report("award"))]) } },
    { request: request("APP-02"), submission: { state: "verified", credentials: checkSubmittedClaims("APP-02", request("APP-02").claimed, [verifiedCredential(AWARD, report("award", REVOKED))]) } },
    { request: request("=APP-03", { status: "withdrawn", kinds: ["transcript"], claimed: { name: "Lee Siu Ming", award: "", university: "", awardYear: "" } }), submission: { state: "none" } },
    { request: request("APP-04", { status: "sent", submission: null, claimed: { name: "Wong Siu Ling", award: "", university: "", awardYear: "" } }), submission: { state: "none" } },
  ];

  it("filters by status, by kind asked for and by reference or claimed name, ignoring case and spacing", () => {
    const references = (filter: Parameters<typeof filterRows>[1]) => filterRows(rows, filter).map((row) => row.request.applicantReference);
    expect(references({ status: "", kind: "", text: "" })).to.have.length(4);
    expect(references({ status: "submitted", kind: "", text: "" })).to.deep.equal(["APP-01", "APP-02"]);
    expect(references({ status: "", kind: "transcript", text: "" })).to.deep.equal(["=APP-03"]);
    expect(references({ status: "", kind: "", text: "wongsiu ling" })).to.deep.equal(["APP-04"]);
    expect(references({ status: "", kind: "", text: "app-0" })).to.have.length(4);
    expect(references({ status: "sent", kind: "", text: "lee" })).to.deep.equal([]);
  });

  it("exports the rows as a bilingual CSV: headers and words in both languages, ISO dates, verdicts with reasons, formula-safe", () => {
    const csv = inboxCsv(rows);
    expect(csv.startsWith("\uFEFF")).to.equal(true);
    const [header, valid, revoked, withdrawn, sent] = readCsv(csv, ",");
    expect(header).to.deep.equal([
      "Applicant reference / 申請人參考編號",
      "Student ID / 學生編號",
      "Name / 姓名",
      "Award / 資歷",
      "Award date / 頒授日期",
      "Status / 狀態",
      "Block / 區塊",
      "Verification time / 核實時間",
    ]);
    expect(valid).to.deep.equal(["APP-01", "HU2025001", "Chan Tai Man / 陳大文", "Bachelor of Science / 理學士", "2025-06-30", "VALID / 有效", "42", "2026-12-01T09:30:00.000Z"]);
    expect(revoked![5]).to.match(/^INVALID: Revoked on 30 November 2026 — issued in error \/ 無效：已於2026年11月30日撤銷/);
    expect(withdrawn).to.deep.equal(["'=APP-03", "", "", "", "", "Withdrawn / 已撤回", "", ""]);
    expect(sent![5]).to.equal("Sent / 已發送");
  });
});
