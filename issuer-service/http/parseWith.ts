import type { z } from "zod";
import { BadRequestError } from "../errors";

/**
 * Parses request input with a strict schema; a mismatch is a 400 naming every offending field (an unknown field
 * is named itself, so a client sees the typo).
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: "body" | "query" | "params" | "headers"): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: `${base}.${key}`, message: "unknown field" }));
    return [{ field: base, message: issue.message }];
  });
  throw new BadRequestError("INVALID_REQUEST", { details: fields });
}
