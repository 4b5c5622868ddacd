import { BaseError } from "@credanchor/core/protocol";

/**
 * LOAD_INSTANCE_FAILED: a service instance exited or did not listen in time (details: the tail of its log);
 * LOAD_NOT_PUBLISHED: batches of a scenario were not published before the timeout, or failed;
 * LOAD_READ_TARGETS: no published credential could be fetched to read.
 */
export type LoadErrorCode = "LOAD_INSTANCE_FAILED" | "LOAD_NOT_PUBLISHED" | "LOAD_READ_TARGETS";

/** A load run that could not measure what it was asked to. */
export class LoadError extends BaseError<LoadErrorCode> {
  override name = "LoadError";
}
