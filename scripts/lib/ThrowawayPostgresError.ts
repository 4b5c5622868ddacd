import { BaseError } from "@credanchor/core/protocol";

/**
 * PG_SERVER_MISSING: Debian's PostgreSQL server binaries are not installed (scripts/ensure-test-tools.ts installs them);
 * PG_INITDB_FAILED: initdb could not create the cluster;
 * PG_START_FAILED: the server exited or did not accept connections in time (details: the tail of its log).
 */
export type ThrowawayPostgresErrorCode = "PG_SERVER_MISSING" | "PG_INITDB_FAILED" | "PG_START_FAILED";

/** A throwaway PostgreSQL cluster for tests and load runs that could not be brought up. */
export class ThrowawayPostgresError extends BaseError<ThrowawayPostgresErrorCode> {
  override name = "ThrowawayPostgresError";
}
