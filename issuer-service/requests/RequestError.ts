import { BaseError } from "@credanchor/core/protocol";

/**
 * What can stop a graduate answering a request. Each code has a page text in both languages (`request.error.<CODE>`)
 * and one HTTP status (submissionRoutes); none of them changes anything.
 */
export type RequestErrorCode = "REQUEST_NOT_FOUND" | "REQUEST_EXPIRED" | "REQUEST_ANSWERED" | "NOTHING_CHOSEN" | "CREDENTIAL_NOT_ASKED" | "HIDDEN_NOT_ACCEPTED" | "ALREADY_WITHDRAWN";

export class RequestError extends BaseError<RequestErrorCode> {
  override name = "RequestError";
  constructor(code: RequestErrorCode) {
    super(`request: ${code}`, { code });
  }
}
