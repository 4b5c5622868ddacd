/**
 * The members of a JSON object, or none for anything else (null, an array, a primitive): an untrusted document's
 * content is read field by field, and a member that is missing or of another shape simply reads as absent.
 */
export function membersOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
