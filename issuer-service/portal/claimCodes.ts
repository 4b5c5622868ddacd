import { randomInt } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "../domain/hashSecret";
import { PortalError } from "./PortalError";

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is hard to get wrong. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 20 symbols of 5 bits: 100 bits, beyond guessing even without the rate limit. */
const SYMBOLS = 20;
const GROUP = 5;

/** A fresh code, shown in groups of five: `7K3QD-M2XQ9-...`. */
function newClaimCode(): string {
  const symbols = Array.from({ length: SYMBOLS }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return symbols.match(new RegExp(`.{${GROUP}}`, "g"))!.join("-");
}

/** The code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its stored form, or undefined. */
function normaliseClaimCode(typed: string): string | undefined {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (symbols.length !== SYMBOLS || [...symbols].some((symbol) => !ALPHABET.includes(symbol))) return undefined;
  return symbols.match(new RegExp(`.{${GROUP}}`, "g"))!.join("-");
}

export interface CodedCredential {
  id: string;
  university_id: string;
  student_id: string;
  kind: string;
}

/**
 * The claim codes of a batch's download (writeBatchZip): the unused codes of an earlier download of this batch
 * stop working, so the newest download's list is always the one to send out. Call once per download.
 */
export async function withdrawUnusedClaimCodes(db: Db, batchId: string): Promise<void> {
  await db.deleteFrom("claim_codes").where("batch_id", "=", batchId).where("used_at_ms", "is", null).execute();
}

/** New one-time codes for these credentials of `batchId`; only their hashes are stored. Returns [student id, code] rows. */
export async function issueClaimCodes(db: Db, batchId: string, credentials: readonly CodedCredential[], expiresAtMs: number, now = Date.now()): Promise<string[][]> {
  if (credentials.length === 0) return [];
  const issued = credentials.map((credential) => ({ credential, code: newClaimCode() }));
  await db
    .insertInto("claim_codes")
    .values(
      issued.map(({ credential, code }) => ({
        code_hash: hashSecret(code),
        batch_id: batchId,
        credential_id: credential.id,
        university_id: credential.university_id,
        student_id: credential.student_id,
        kind: credential.kind,
        created_at_ms: now,
        expires_at_ms: expiresAtMs,
      })),
    )
    .execute();
  return issued.map(({ credential, code }) => [credential.student_id, code]);
}

const REVOKED_STATES = new Set(["revoking", "revoked", "reissuing"]);

/**
 * Binds the holding a claim code names to the account, once. Unknown, used and expired codes change nothing, nor
 * does a code for a revoked credential: the graduate is told it was revoked and why, and the code stays unused.
 */
export async function claimWithCode(db: Db, accountId: string, typed: string, now = Date.now()): Promise<{ credentialId: string }> {
  const code = normaliseClaimCode(typed);
  if (code === undefined) throw new PortalError("CLAIM_CODE_INVALID");
  const codeHash = hashSecret(code);
  const row = await db.selectFrom("claim_codes").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
  if (row === undefined) throw new PortalError("CLAIM_CODE_INVALID");
  if (row.used_at_ms !== null) throw new PortalError("CLAIM_CODE_USED");
  if (row.expires_at_ms <= now) throw new PortalError("CLAIM_CODE_EXPIRED");
  const holding = await db
    .selectFrom("holdings")
    .leftJoin("credentials", "credentials.id", "holdings.credential_id")
    .select(["holdings.state", "holdings.credential_id", "credentials.revoked_at", "credentials.revocation_reason"])
    .where("holdings.university_id", "=", row.university_id)
    .where("holdings.student_id", "=", row.student_id)
    .where("holdings.kind", "=", row.kind)
    .executeTakeFirst();
  if (holding?.credential_id === null || holding?.credential_id === undefined) throw new PortalError("CLAIM_CODE_INVALID");
  if (REVOKED_STATES.has(holding.state) || holding.revoked_at !== null) throw new PortalError("CLAIM_REVOKED", { params: { reason: holding.revocation_reason ?? "—" } });
  const credentialId = holding.credential_id;
  await db.transaction().execute(async (trx) => {
    const used = await trx.updateTable("claim_codes").set({ used_at_ms: now, used_by: accountId }).where("code_hash", "=", codeHash).where("used_at_ms", "is", null).executeTakeFirst();
    // Two tabs sending one code at once: only one of them uses it.
    if (Number(used.numUpdatedRows) !== 1) throw new PortalError("CLAIM_CODE_USED");
    await trx
      .insertInto("portal_bindings")
      .values({ account_id: accountId, university_id: row.university_id, student_id: row.student_id, kind: row.kind, method: "claimCode", bound_at: new Date(now).toISOString() })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  });
  return { credentialId };
}
