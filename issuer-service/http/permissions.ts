import type { NextFunction, Request, Response } from "express";
import type { Role } from "../domain/apiKeys";
import { ForbiddenError } from "../errors";
import { actorOf } from "./authenticate";

/**
 * Every route of the API and the roles that may call it, in one table (docs/ISSUER-SERVICE.md prints it): a key
 * may call a route when it holds every role of at least one of the route's role sets. `admin` is listed where it
 * applies, never implied. Routes that change something on chain for good (revoke, supersede) need the revoker role;
 * a correction both issues and revokes, so it needs registrar and revoker together.
 */
export const PERMISSIONS = {
  "me.read": [["admin"], ["registrar"], ["revoker"], ["auditor"]],
  "batch.list": [["admin"], ["registrar"], ["revoker"], ["auditor"]],
  "batch.read": [["admin"], ["registrar"], ["revoker"], ["auditor"]],
  "batch.create": [["admin"], ["registrar"]],
  "batch.correct": [["admin"], ["registrar", "revoker"]],
  "batch.import": [["admin"], ["registrar"]],
  "batch.download": [["admin"], ["registrar"]],
  "batch.identities": [["admin"], ["registrar"]],
  "batch.revoke": [["admin"], ["revoker"]],
  "credential.list": [["admin"], ["registrar"], ["revoker"], ["auditor"]],
  "credential.read": [["admin"], ["registrar"], ["revoker"], ["auditor"]],
  "credential.revoke": [["admin"], ["revoker"]],
  "credential.reissue": [["admin"], ["registrar", "revoker"]],
  "credential.reissueAfterRevocation": [["admin"], ["revoker"]],
  "apiKey.list": [["admin"]],
  "apiKey.create": [["admin"]],
  "apiKey.revoke": [["admin"]],
  "signingKey.rotate": [["admin"]],
  "audit.read": [["admin"], ["auditor"]],
} as const satisfies Record<string, readonly (readonly Role[])[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermitted(roles: readonly Role[], permission: Permission): boolean {
  return PERMISSIONS[permission].some((required) => required.every((role) => roles.includes(role)));
}

/** The role sets a permission needs, as text for the error message: `admin | registrar+revoker`. */
export function requiredRoles(permission: Permission): string {
  return PERMISSIONS[permission].map((set) => set.join("+")).join(" | ");
}

/** The route's guard: 403 before anything is read or parsed when the key's roles do not permit it. */
export function permit(permission: Permission) {
  return (_req: Request, res: Response, next: NextFunction) => {
    next(isPermitted(actorOf(res).roles, permission) ? undefined : new ForbiddenError(requiredRoles(permission)));
  };
}
