import { z } from "zod";

/** The largest value of PostgreSQL's `integer`, the type of the sequence, position and id columns cursors point into. */
const INTEGER_MAX = 2_147_483_647;

/** A `cursor` query parameter as the API takes it: the opaque `nextCursor` of the previous page. */
export const CursorParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/** The opaque cursor after a page: the keys of its last row (a sequence number, a position, an id). */
export function encodeCursor(keys: readonly number[]): string {
  return Buffer.from(keys.join(":")).toString("base64url");
}

/**
 * The `arity` keys a cursor holds, each clamped to the integer column range so that a forged cursor pages instead of
 * failing the query. A cursor of any other shape reads as all zeros, before which nothing lies: an empty page.
 */
export function decodeCursor(cursor: string, arity: number): number[] {
  const keys = Buffer.from(cursor, "base64url").toString().split(":");
  if (keys.length !== arity || !keys.every((key) => /^\d{1,10}$/.test(key))) return new Array<number>(arity).fill(0);
  return keys.map((key) => Math.min(Number(key), INTEGER_MAX));
}
