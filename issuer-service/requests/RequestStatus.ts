/**
 * Where a request stands (docs/REQUESTS.md): expiry wins over everything, since the payload is gone by then. Its own
 * file so the inbox page can list the statuses without bundling the server's request store.
 */
export const REQUEST_STATUSES = ["sent", "opened", "submitted", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
