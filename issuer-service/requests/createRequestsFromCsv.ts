import { parseApplicantList } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import type { RowError } from "../domain/parseUpload";
import { UnprocessableError } from "../errors";
import { translate } from "../i18n/translate";
import { createRequests, type InstitutionRequest } from "./institutionRequests";
import type { Organisation } from "./organisations";
import { ClaimedDetails, RequestInput, type RequestTemplate } from "./RequestInput";

/** The most applicants one upload may list: an admissions round's list, well within one transaction. */
export const MAX_APPLICANTS = 5000;

type RowCode = "REFERENCE_INVALID" | "REFERENCE_DUPLICATE" | "AWARD_YEAR_INVALID" | "CLAIM_TOO_LONG";

function rowError(row: number, field: string, code: RowCode | "APPLICANTS_MISSING" | "APPLICANTS_TOO_MANY", params: Record<string, string | number> = {}): RowError {
  return { row, field, code, message: translate(`row.${code}`, { row, ...params }) };
}

/**
 * One request per applicant of an admissions office's CSV (docs/REQUESTS.md: reference, claimed name, award,
 * university and year, in any order, as the verifier's applicant list reads them), all under one template. Every row
 * is checked first; any problem refuses the whole upload (422, each problem named) and nothing is stored.
 */
export async function createRequestsFromCsv(db: Db, organisation: Organisation, template: RequestTemplate, csv: string): Promise<InstitutionRequest[]> {
  const { applicants } = parseApplicantList(csv, ["reference"]);
  if (applicants.length === 0 || applicants.length > MAX_APPLICANTS) {
    const problem = applicants.length === 0 ? rowError(0, "applicants", "APPLICANTS_MISSING") : rowError(0, "applicants", "APPLICANTS_TOO_MANY", { max: MAX_APPLICANTS });
    throw new UnprocessableError("INVALID_ROWS", { params: { count: 1 }, details: [problem] });
  }
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const inputs = applicants.flatMap((applicant, index) => {
    const row = index + 1;
    const claimed = ClaimedDetails.safeParse({ name: applicant.name, award: applicant.award, university: applicant.university, awardYear: applicant.year });
    const input = RequestInput.safeParse({ ...template, applicantReference: applicant.reference, claimed: claimed.success ? claimed.data : {} });
    if (!input.success) errors.push(rowError(row, "reference", "REFERENCE_INVALID"));
    if (!claimed.success) {
      const yearWrong = claimed.error.issues.some((issue) => issue.path[0] === "awardYear");
      errors.push(yearWrong ? rowError(row, "year", "AWARD_YEAR_INVALID") : rowError(row, "claimed", "CLAIM_TOO_LONG"));
    }
    if (seen.has(applicant.reference)) errors.push(rowError(row, "reference", "REFERENCE_DUPLICATE", { reference: applicant.reference }));
    seen.add(applicant.reference);
    return input.success && claimed.success ? [input.data] : [];
  });
  if (errors.length > 0) throw new UnprocessableError("INVALID_ROWS", { params: { count: errors.length }, details: errors });
  return createRequests(db, organisation, inputs);
}
