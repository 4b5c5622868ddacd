import { BaseError } from "@credanchor/core/protocol";

/**
 * SECRET_KEY_UNKNOWN: a sealed secret was sealed under a key this service is not given (neither the secrets key nor
 * the previous one: a rotation skipped a step, or the database came from another deployment);
 * SECRET_TAMPERED: the sealed text does not decrypt under its key (changed, truncated, or moved to another row).
 */
export type SecretBoxErrorCode = "SECRET_KEY_UNKNOWN" | "SECRET_TAMPERED";

export class SecretBoxError extends BaseError<SecretBoxErrorCode> {
  override name = "SecretBoxError";
}
