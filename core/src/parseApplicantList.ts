import { csvRecords } from "./csvRecords";

/** One applicant's claims, as an admissions office lists them. Empty cells are claims not made. */
export interface ApplicantClaim {
  /** The office's own reference for the applicant. */
  reference: string;
  name: string;
  award: string;
  university: string;
  year: string;
  /** The credential file the applicant sent, as it appears in the bulk table (its name, or its path in a ZIP). */
  file: string;
}

export type ApplicantColumn = keyof ApplicantClaim;
const COLUMNS: readonly ApplicantColumn[] = ["reference", "name", "award", "university", "year", "file"];

export interface ApplicantList {
  applicants: ApplicantClaim[];
  /** Columns this list lacks: without the required ones (`reference` and `file` by default) nothing is read. */
  missingColumns: ApplicantColumn[];
}

/** A header cell to its column: `Claimed name`, `claimed_name` and `NAME` all mean `name`; `File name` means `file`. */
function columnOf(header: string): ApplicantColumn | undefined {
  const words = header.normalize("NFKC").toLowerCase().replace(/[\s_-]+/g, "").replace(/^claimed/, "");
  const key = words === "name" ? words : words.replace(/name$/, "");
  return (COLUMNS as readonly string[]).includes(key) ? (key as ApplicantColumn) : undefined;
}

/**
 * An applicant list (CSV, UTF-8, BOM allowed, header row): reference, claimed name, claimed award, claimed
 * university, claimed year, file name, in any order; other columns are ignored. Pure: the office's own file, read
 * in the page and never sent anywhere. An admissions office's request upload (issuer service) names no files, so it
 * requires only `reference`.
 */
export function parseApplicantList(text: string, required: readonly ApplicantColumn[] = ["reference", "file"]): ApplicantList {
  const records = csvRecords(text.replace(/^\uFEFF/, ""));
  const header = records.next();
  if (header.done) return { applicants: [], missingColumns: [...required] };
  const positions = new Map<ApplicantColumn, number>();
  header.value.cells.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column !== undefined && !positions.has(column)) positions.set(column, index);
  });
  const missingColumns = COLUMNS.filter((column) => !positions.has(column));
  if (!required.every((column) => positions.has(column))) return { applicants: [], missingColumns };
  const applicants: ApplicantClaim[] = [];
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    const value = (column: ApplicantColumn) => {
      const index = positions.get(column);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    };
    applicants.push({ reference: value("reference"), name: value("name"), award: value("award"), university: value("university"), year: value("year"), file: value("file") });
  }
  return { applicants, missingColumns };
}
