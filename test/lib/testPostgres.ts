import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/lib/throwawayPostgres";

let shared: Promise<ThrowawayPostgres> | undefined;

/**
 * A fresh, empty PostgreSQL database for one test or suite. Every mocha process shares one throwaway cluster,
 * started on first use (≈ 1 s) and killed when the process exits: a database per call keeps suites independent
 * without paying initdb for each.
 */
export async function testDatabaseUrl(): Promise<string> {
  return (await testPostgres()).createDatabase();
}

/** The shared cluster itself, for tests that stop or restart the server under a running service. */
export function testPostgres(): Promise<ThrowawayPostgres> {
  shared ??= startThrowawayPostgres().catch((error: unknown) => {
    // The next caller tries again instead of inheriting this failure.
    shared = undefined;
    throw error;
  });
  return shared;
}
