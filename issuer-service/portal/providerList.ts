import { z } from "zod";

/** A configured list of providers (none by default) whose ids, which appear in URLs and keys, are unique. */
export function providerList<T extends z.ZodType<{ id: string }>>(provider: T) {
  return z
    .array(provider)
    .default([])
    .refine((providers) => new Set(providers.map((p) => p.id)).size === providers.length, "provider ids must be unique");
}
