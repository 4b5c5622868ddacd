import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { Pool, types } from "pg";
import { MIGRATIONS } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;

export interface DatabaseTarget {
  /** `postgres://…` selects PostgreSQL; without it the service keeps its state in the SQLite file `sqlitePath`. */
  url?: string;
  sqlitePath: string;
  /** Connections each instance may hold on PostgreSQL. */
  poolSize: number;
  /** A pooled PostgreSQL connection that breaks (server restart, failover) is reported here, never thrown. */
  onIdleError: (error: Error) => void;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Counts and epoch milliseconds are BIGINT, sums and averages NUMERIC; pg returns both as strings to be safe beyond
 * 2^53, which no count or millisecond time here reaches, so they are read as numbers like SQLite does.
 */
function parseType(oid: number, format?: "text" | "binary") {
  if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
  return format === undefined ? types.getTypeParser(oid) : types.getTypeParser(oid, format);
}

function openSqlite(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets requests read while the worker writes; FULL because a committed transition (a persisted raw
  // transaction above all) must survive a power cut before it is broadcast.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(target: DatabaseTarget & { url: string }): Db {
  const pool = new Pool({
    connectionString: target.url,
    max: target.poolSize,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: parseType as never },
  });
  pool.on("error", target.onIdleError);
  // pg-pool listens for errors only on idle clients; a client checked out between two statements of a transaction
  // whose server goes away would emit an unhandled 'error' and take the process down. The failed statement already
  // reports the error to its caller, and the pool drops the broken client when it is released.
  pool.on("connect", (client) => client.on("error", target.onIdleError));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the database the target names and brings its schema up to date (once, under the migrator's lock). */
export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  const db = target.url === undefined ? openSqlite(target.sqlitePath) : openPostgres({ ...target, url: target.url });
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } }).migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}
