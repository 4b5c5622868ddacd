import { InputValidationError } from "../errors";

/** A built document against its kind's schema, so an issuer never produces what its own verifier rejects. */
export function checkedDocument<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, document: unknown, studentId: string): T {
  const result = schema.safeParse(document);
  if (!result.success) {
    throw new InputValidationError(`Record ${studentId} does not make a valid credential.`, {
      code: "INPUT_INVALID_CREDENTIAL",
      details: result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
    });
  }
  return result.data;
}
