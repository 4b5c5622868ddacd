import type { Response } from "express";
import { BaseError } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { appendAudit, type Actor } from "../domain/appendAudit";
import { actorOf } from "./authenticate";

/**
 * Runs an action and records who did what to which target with which outcome, success or failure alike. `context`
 * goes into the entry either way (an organisation's id, which no university actor carries).
 */
export async function auditedAs<T>(
  db: Db,
  actor: Actor | null,
  action: string,
  target: string | null,
  run: () => T | Promise<T>,
  detail?: (result: T) => Record<string, unknown>,
  context: Record<string, unknown> = {},
): Promise<T> {
  const failureDetail = Object.keys(context).length === 0 ? undefined : context;
  try {
    const result = await run();
    const done = { ...context, ...detail?.(result) };
    await appendAudit(db, actor, action, target, "ok", Object.keys(done).length === 0 ? undefined : done);
    return result;
  } catch (error) {
    await appendAudit(db, actor, action, target, error instanceof BaseError ? error.code : "error", failureDetail);
    throw error;
  }
}

/** `auditedAs` for the university API key of this request. */
export function audited<T>(
  db: Db,
  res: Response,
  action: string,
  target: string | null,
  run: () => T | Promise<T>,
  detail?: (result: T) => Record<string, unknown>,
): Promise<T> {
  const key = actorOf(res);
  return auditedAs(db, { universityId: key.universityId, keyId: key.id }, action, target, run, detail);
}
