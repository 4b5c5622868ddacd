import type { Response } from "express";
import { BaseError } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { appendAudit } from "../domain/appendAudit";
import { actorOf } from "./authenticate";

/** Runs an action and records who did what to which target with which outcome, success or failure alike. */
export async function audited<T>(
  db: Db,
  res: Response,
  action: string,
  target: string | null,
  run: () => T | Promise<T>,
  detail?: (result: T) => Record<string, unknown>,
): Promise<T> {
  const key = actorOf(res);
  const actor = { universityId: key.universityId, keyId: key.id };
  try {
    const result = await run();
    await appendAudit(db, actor, action, target, "ok", detail?.(result));
    return result;
  } catch (error) {
    await appendAudit(db, actor, action, target, error instanceof BaseError ? error.code : "error");
    throw error;
  }
}
