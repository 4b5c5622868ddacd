import { parseAnyCredential, reportHeadline, verifyParsedCredential, type AnyCredential, type LocalisedText, type ReportStatus } from "@credanchor/core/protocol";
import { createCachedChainReader } from "@credanchor/core/chain";
import type { ServiceContext } from "../ServiceContext";
import { PortalError } from "./PortalError";

export interface AccountCredential {
  id: string;
  universityId: string;
  kind: string;
  /** Of any kind: an award, a transcript or a letter (SPEC §12). */
  credential: AnyCredential;
  /** The document as the registrar's download has it, for the graduate's own download. */
  document: string;
  revoked: { at: string; reason: string } | null;
}

/** What the chain says of a credential right now, as the verifier would say it. */
export interface LiveStatus {
  status: ReportStatus;
  /** The verdict in one sentence (a revocation with its date and reason); undefined when the chain could not be read. */
  headline: LocalisedText | undefined;
}

function query(ctx: ServiceContext, accountId: string) {
  return ctx.db
    .selectFrom("portal_bindings")
    .innerJoin("holdings", (join) =>
      join
        .onRef("holdings.university_id", "=", "portal_bindings.university_id")
        .onRef("holdings.student_id", "=", "portal_bindings.student_id")
        .onRef("holdings.kind", "=", "portal_bindings.kind"),
    )
    .innerJoin("credentials", "credentials.id", "holdings.credential_id")
    .select(["credentials.id", "credentials.university_id", "credentials.kind", "credentials.document", "credentials.revoked_at", "credentials.revocation_reason", "portal_bindings.bound_at"])
    .where("portal_bindings.account_id", "=", accountId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>["execute"]>>[number];

function toAccountCredential(row: Row): AccountCredential {
  return {
    id: row.id,
    universityId: row.university_id,
    kind: row.kind,
    credential: parseAnyCredential(row.document),
    document: row.document,
    revoked: row.revoked_at === null ? null : { at: row.revoked_at, reason: row.revocation_reason ?? "" },
  };
}

/**
 * Every credential the account holds, across universities and kinds: for each holding bound to it, the holding's
 * current credential (after a correction, the new one), in the order they were added.
 */
export async function listAccountCredentials(ctx: ServiceContext, accountId: string): Promise<AccountCredential[]> {
  const rows = await query(ctx, accountId).orderBy("portal_bindings.bound_at").orderBy("credentials.id").execute();
  return rows.map(toAccountCredential);
}

/** One credential of the account; any other id (another account's, a superseded one, nonsense) is NOT_FOUND alike. */
export async function getAccountCredential(ctx: ServiceContext, accountId: string, credentialId: string): Promise<AccountCredential> {
  const row = await query(ctx, accountId).where("credentials.id", "=", credentialId).executeTakeFirst();
  if (row === undefined) throw new PortalError("NOT_FOUND");
  return toAccountCredential(row);
}

/** Verifies the credential against the chain as the verifier does; a chain that cannot be read gives ERROR. */
export async function liveStatus(ctx: ServiceContext, credential: AnyCredential): Promise<LiveStatus> {
  try {
    // A cache of its own per credential: with a lens the status costs one request, and each call sees the newest block.
    const reader = createCachedChainReader(ctx.chain.reader);
    const report = await verifyParsedCredential(credential, { reader, deployment: ctx.chain.deployment });
    return { status: report.status, headline: reportHeadline(report) };
  } catch (error) {
    ctx.log({ level: "warn", event: "portal.statusUnavailable", error: ctx.describeError(error) });
    return { status: "ERROR", headline: undefined };
  }
}
