import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/lib/throwawayPostgres";

let shared: Promise<ThrowawayPostgres> | undefined;

/**
 * A fresh, empty PostgreSQL database for one test or suite. Every mocha process shares one throwaway cluster,
 * started on first use (≈ 1 s) and killed when the process exits: a database per call keeps suites independent
 * without paying initdb for each.
 */
export async function testDatabaseUrl(): Promise<string> {
  shared ??= startThrowawayPostgres().catch((error: unknown) => {
    // The next caller tries again instead of inheriting this failure.
    shared = undefined;
    throw error;
  });
  return (await shared).createDatabase();
}
