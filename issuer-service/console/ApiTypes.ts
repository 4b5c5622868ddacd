import type { GraduateRecord } from "@credanchor/core/issue";
import type { RowProblem } from "./RowProblem";

/** The shapes of the service's API (docs/ISSUER-SERVICE.md) that the console reads. */
export type Role = "admin" | "registrar" | "revoker" | "auditor";
export type CredentialState = "valid" | "revoked" | "superseded" | "pending";

export interface Me {
  universityId: string;
  keyId: string;
  roles: Role[];
  label: string;
}

export interface Batch {
  id: string;
  state: string;
  label: string | null;
  source: "api" | "import";
  progress: { percent: number };
  counts: { credentials: number } & Partial<Record<CredentialState, number>>;
  attempts: number;
  lastError: string | null;
  error: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface CredentialRow {
  id: string;
  batchId: string;
  studentId: string;
  nameEn: string | null;
  nameZh: string | null;
  degreeEn: string;
  degreeZh: string;
  awardDate: string;
  status: CredentialState;
  issuedAt: string | null;
}

export interface HistoryEvent {
  at: string;
  event: "issued" | "revoked" | "superseded" | "reissued" | "reissueRequested";
  reason: string | null;
  reasonCode: string | null;
  by: string | null;
  transaction: string | null;
  related: string | null;
}

export interface CredentialDetail {
  id: string;
  batchId: string;
  studentId: string;
  state: CredentialState;
  status: {
    revoked: boolean;
    revokedAt: string | null;
    reason: string | null;
    supersededBy: string | null;
  };
  credential: { credentialSubject: Record<string, unknown> };
  history: HistoryEvent[];
}

export interface DryRun {
  dryRun: true;
  count: number;
  preview: GraduateRecord[];
  /** The rows the real upload would refuse in this mode (a student who already holds, or held, a credential). */
  warnings: RowProblem[];
}

export interface AuditEntry {
  id: string | number;
  at: string;
  keyId: string | null;
  action: string;
  target: string | null;
  result: string;
  detail: unknown;
}

export interface ApiKeyInfo {
  id: string;
  label: string;
  roles: Role[];
  createdAt: string;
  revokedAt: string | null;
}
