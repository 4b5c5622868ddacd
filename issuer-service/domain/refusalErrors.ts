import type { LocalisedText } from "@credanchor/core/protocol";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors";
import { translate } from "../i18n/translate";
import type { HoldingRefusal, HoldingsRefusedError } from "./HoldingsRefusedError";

/** A lifecycle refusal of an upload row, in the shape of the upload's other row errors. */
export interface LifecycleRowError {
  row: number;
  field: "student_id";
  code: HoldingRefusal["code"];
  value: string;
  credential: string | null;
  message: LocalisedText;
  fix: LocalisedText;
}

function texts(refusal: HoldingRefusal): { message: LocalisedText; fix: LocalisedText } {
  const params = { studentId: refusal.studentId ?? "", credential: refusal.credential ?? "" };
  return { message: translate(`lifecycle.${refusal.code}`, params), fix: translate(`lifecycle.${refusal.code}.fix`) };
}

/** One refused upload row: which row, which student, which credential, why, and the fix. */
export function lifecycleRowError(refusal: HoldingRefusal, row: number): LifecycleRowError {
  return { row, field: "student_id", code: refusal.code, value: refusal.studentId ?? "", credential: refusal.credential, ...texts(refusal) };
}

/** The refusals of an upload as row errors (422 INVALID_ROWS): which row, which student, which credential, why, and the fix. */
export function uploadRefused(error: HoldingsRefusedError, rowOf: ReadonlyMap<string, number>): UnprocessableError {
  const details = error.refusals.map((refusal) => lifecycleRowError(refusal, rowOf.get(refusal.studentId ?? "") ?? 0)).sort((a, b) => a.row - b.row);
  return new UnprocessableError("INVALID_ROWS", { params: { count: details.length }, details, cause: error });
}

/** A refusal concerning one credential (revoke, reissue) as the 409 (or 404) the API answers. */
export function credentialRefused(error: HoldingsRefusedError): ConflictError | NotFoundError {
  const refusal = error.refusals[0]!;
  const details = { refusal: refusal.code, state: refusal.state, credential: refusal.credential, ...texts(refusal) };
  switch (refusal.code) {
    case "REVOKED":
    case "SUPERSEDED":
      return new ConflictError("ALREADY_REVOKED", { details, cause: error });
    case "PENDING":
      return new ConflictError("REISSUE_IN_PROGRESS", { params: { batch: refusal.pendingBatch ?? "" }, details, cause: error });
    case "REVOCATION_IN_PROGRESS":
      return new ConflictError("REVOCATION_IN_PROGRESS", { details, cause: error });
    case "ALREADY_HOLDS":
      return new ConflictError("NOT_REVOKED", { details, cause: error });
    default:
      return new NotFoundError("credential");
  }
}
