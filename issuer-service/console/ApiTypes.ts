import type { KindRecord } from "@credanchor/core/issue";
import type { CredentialKind } from "@credanchor/core/protocol";
import type { Role } from "../domain/apiKeys";
import type { CredentialState } from "../domain/credentialState";
import type { CredentialEvent } from "../domain/getCredential";
import type { RowProblem } from "./RowProblem";

/**
 * The shapes of the service's API (docs/ISSUER-SERVICE.md) that the console reads. Where the service declares a
 * shape itself, the console takes that type (a type import: no service code reaches the browser bundle).
 */
export type { Role } from "../domain/apiKeys";
export type { CredentialState } from "../domain/credentialState";
export type { CredentialListItem as CredentialRow } from "../domain/listCredentials";
export type { CredentialEvent as HistoryEvent } from "../domain/getCredential";
export type { AuditEntry } from "../domain/listAudit";
export type { BatchView as Batch } from "../domain/BatchView";

export interface Me {
  universityId: string;
  keyId: string;
  roles: Role[];
  label: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface CredentialDetail {
  id: string;
  batchId: string;
  kind: CredentialKind;
  studentId: string;
  state: CredentialState;
  status: {
    revoked: boolean;
    revokedAt: string | null;
    reason: string | null;
    supersededBy: string | null;
  };
  credential: { credentialSubject: Record<string, unknown>; validFrom: string; validUntil?: string };
  history: CredentialEvent[];
}

export interface DryRun {
  dryRun: true;
  kind: CredentialKind;
  count: number;
  preview: KindRecord[];
  /** The rows the real upload would refuse in this mode (a student who already holds, or held, a credential). */
  warnings: RowProblem[];
}

export interface ApiKeyInfo {
  id: string;
  label: string;
  roles: Role[];
  createdAt: string;
  revokedAt: string | null;
}
