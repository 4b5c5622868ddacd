import { type AnyCredential, digestCredential, GradingScale, gradingScaleCid, kindOf, parseAnyCredential, parseJson, verifyMerkleProof } from "@credanchor/core/protocol";
import { type IssueKind, type KindOfCredential, recordOfKindCredential } from "@credanchor/core/issue";
import type { ServiceContext } from "../ServiceContext";
import { BadRequestError } from "../errors";
import { importBatch } from "./importBatch";

/** What is wrong with the `index`-th credential of an import, as the 400 names it. */
function refused(index: number, message: string): BadRequestError {
  return new BadRequestError("INVALID_REQUEST", { details: [{ field: `body.credentials[${index}]`, message }] });
}

/**
 * The kind a transcript batch was issued with: its grading scale, found in the content store by the CID the
 * transcripts name (an earlier upload published it), or sent with the import (`gradingScale`) and checked against
 * that CID.
 */
async function importedKind(ctx: ServiceContext, kind: KindOfCredential, sent: unknown): Promise<IssueKind> {
  if (kind.kind !== "transcript") return kind;
  const { cid } = kind.scale;
  const stored = await ctx.db.selectFrom("content").select("bytes").where("cid", "=", cid).executeTakeFirst();
  const scale = GradingScale.safeParse(stored === undefined ? sent : parseJson(new TextDecoder().decode(stored.bytes)));
  if (!scale.success || gradingScaleCid(scale.data) !== cid) {
    throw new BadRequestError("INVALID_REQUEST", { details: [{ field: "body.gradingScale", message: `the grading scale the transcripts name (${cid}) is not known here: send it as gradingScale` }] });
  }
  return { kind: "transcript", scale: scale.data, hideable: kind.hideable };
}

/**
 * Takes in a batch issued with `credanchor issue` from its credential files (every file of the batch, with all
 * claims, of one kind): each must be a well-formed credential of one root, signer and issuer, in the tree at its own
 * index; the records (and a letter's template) are read back from the claims, a transcript batch's grading scale
 * comes from the content store or the request, and importBatch then checks the batch against the chain.
 */
export async function importCredentials(ctx: ServiceContext, universityId: string, request: { label: string; credentials: readonly unknown[]; gradingScale?: unknown }): Promise<string> {
  const parsed: { credential: AnyCredential; leaf: string }[] = request.credentials.map((value, index) => {
    try {
      const credential = parseAnyCredential(JSON.stringify(value));
      return { credential, leaf: digestCredential(credential).leaf };
    } catch (error) {
      throw refused(index, error instanceof Error ? error.message : String(error));
    }
  });
  const first = parsed[0]!.credential.proof;
  parsed.forEach(({ credential, leaf }, index) => {
    const { proof } = credential;
    if (
      proof.merkleRoot !== first.merkleRoot ||
      proof.issuer !== first.issuer ||
      proof.signer !== first.signer ||
      proof.batchSize !== first.batchSize ||
      proof.anchor !== first.anchor ||
      proof.chainId !== first.chainId ||
      kindOf(credential) !== kindOf(parsed[0]!.credential)
    ) {
      throw refused(index, "belongs to another batch than the first credential");
    }
    if (!verifyMerkleProof({ root: proof.merkleRoot, leaf, proof: proof.merkleProof, leafIndex: proof.leafIndex, batchSize: proof.batchSize })) {
      throw refused(index, "is not in its batch's tree at its index (altered, or not a full credential)");
    }
  });
  if (first.chainId !== ctx.chain.deployment.chainId) {
    throw refused(0, `was anchored on chain ${first.chainId}, not on this service's chain ${ctx.chain.deployment.chainId}`);
  }
  const byIndex = [...parsed].sort((a, b) => a.credential.proof.leafIndex - b.credential.proof.leafIndex);
  if (byIndex.length !== first.batchSize || byIndex.some(({ credential }, position) => credential.proof.leafIndex !== position)) {
    throw refused(0, `the batch has ${first.batchSize} credentials: send each exactly once`);
  }
  const read = byIndex.map(({ credential }, index) => {
    try {
      return recordOfKindCredential(credential);
    } catch (error) {
      throw refused(index, error instanceof Error ? error.message : String(error));
    }
  });
  // One kind input for the batch: a letter batch of two templates, or transcripts on two scales, are two batches.
  const kind = read[0]!.kind;
  read.forEach((each, index) => {
    if (JSON.stringify(each.kind) !== JSON.stringify(kind)) throw refused(index, "was issued with another grading scale, hideable sections or template than the first credential");
  });
  return importBatch(ctx, {
    universityId,
    label: request.label,
    kind: await importedKind(ctx, kind, request.gradingScale),
    records: read.map(({ record }) => record),
    credentials: byIndex.map(({ credential }) => credential),
    leaves: byIndex.map(({ leaf }) => leaf),
    root: first.merkleRoot,
    signer: first.signer,
    signature: first.signature,
    anchor: first.anchor,
  });
}
