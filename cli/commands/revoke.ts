import { Command, Option } from "commander";
import { isHexString } from "ethers";
import {
  digestCredential,
  parseCredential,
  MAX_REASON_BYTES,
  reasonFits,
  REVOCATION_REASON_NAMES,
  REVOCATION_REASON_OPTIONS,
  revocationReasonOf,
  type RevocationReasonOption,
} from "@credanchor/core/protocol";
import { createChainReader, createChainWriter, decodeRevert, formatRevert } from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { RefusalError, UsageError } from "../errors";
import { readCredentialFile } from "../readCredentialFile";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

export function revokeCommand(): Command {
  return withOptions(new Command("revoke"), "chain", "signer", "output")
    .description("Issuer: revoke credentials (or a whole batch with --batch) with a reason, on chain")
    .argument("[files...]", "credential JSON files to revoke")
    .requiredOption("--reason <text>", `why, in words the verifier will show (at most ${MAX_REASON_BYTES} bytes)`)
    .addOption(new Option("--reason-code <code>", "category of the reason").choices(REVOCATION_REASON_OPTIONS).default("unspecified"))
    .option("--batch <root>", "revoke the whole batch with this Merkle root instead of single files")
    .action(async (files: string[], _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ reason: string; reasonCode: RevocationReasonOption; batch?: string }>();
      if ((own.batch === undefined) === (files.length === 0)) {
        throw new UsageError("REVOKE_TARGET");
      }
      if (own.batch !== undefined && !isHexString(own.batch, 32)) throw new UsageError("BATCH_ROOT_INVALID");
      if (!reasonFits(own.reason)) throw new UsageError("REASON_TOO_LONG", { params: { max: MAX_REASON_BYTES } });
      const out = createOutput(options);
      // Parse everything first: a bad file stops the command before any transaction is sent.
      const targets = files.map((file) => {
        const credential = parseCredential(readCredentialFile(file));
        return { file, credential, leaf: digestCredential(credential).leaf };
      });
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const signer = loadSigner(options, provider, chainId, "issuer");
      const writer = createChainWriter(signer, deployment);
      const code = revocationReasonOf(own.reasonCode);
      const results: { target: string; transaction: string }[] = [];
      try {
        if (own.batch !== undefined) {
          // A root names a batch only together with its issuer: the key revokes in its own issuer's namespace.
          const key = await createChainReader(provider, deployment).signingKey(signer.address);
          if (key === null) throw new RefusalError("REVOKER_KEY_UNKNOWN", { params: { key: signer.address } });
          const tx = await writer.revokeBatch(key.issuerId, own.batch, code, own.reason);
          await tx.wait();
          results.push({ target: own.batch, transaction: tx.hash });
          out.text(`Revoked batch ${own.batch} (${REVOCATION_REASON_NAMES[code]}): ${own.reason}`);
        }
        for (const { file, credential, leaf } of targets) {
          if (credential.proof.anchor.toLowerCase() !== deployment.anchor.toLowerCase()) {
            throw new RefusalError("WRONG_ANCHOR", { params: { path: file, anchor: credential.proof.anchor } });
          }
          const { merkleRoot, merkleProof } = credential.proof;
          const tx = await writer.revokeCredential(credential.proof.issuer, merkleRoot, leaf, merkleProof, code, own.reason);
          await tx.wait();
          results.push({ target: file, transaction: tx.hash });
          out.text(`Revoked ${file} (${REVOCATION_REASON_NAMES[code]}): ${own.reason}`);
        }
      } catch (error) {
        const revert = decodeRevert(error);
        if (revert === undefined) throw error;
        throw new RefusalError("CHAIN_REFUSED", { params: { reason: formatRevert(revert) } });
      } finally {
        out.json({ revoked: results, reasonCode: REVOCATION_REASON_NAMES[code], reason: own.reason });
        provider.destroy();
      }
    });
}
