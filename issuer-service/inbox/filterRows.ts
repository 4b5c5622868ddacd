import type { CredentialKind } from "@credanchor/core/protocol";
import type { RequestStatus } from "../requests/RequestStatus";
import type { InboxRow } from "./InboxRow";

export interface RowFilter {
  status: RequestStatus | "";
  kind: CredentialKind | "";
  /** Matched against the applicant reference and the claimed name, ignoring case and spacing. */
  text: string;
}

const fold = (value: string) => value.normalize("NFKC").toLowerCase().replace(/[\s\u3000]+/gu, "");

/** The rows a reviewer asked to see; an empty filter keeps every row. */
export function filterRows(rows: readonly InboxRow[], filter: RowFilter): InboxRow[] {
  const text = fold(filter.text);
  return rows.filter(
    ({ request }) =>
      (filter.status === "" || request.status === filter.status) &&
      (filter.kind === "" || request.kinds.includes(filter.kind)) &&
      (text === "" || fold(request.applicantReference).includes(text) || fold(request.claimed.name).includes(text)),
  );
}
