import { Command, Option, InvalidArgumentError } from "commander";
import {
  bytesToBase64Url,
  encryptShare,
  formatShareFragment,
  parseAnyCredential,
  shareResourceUrl,
  type Language,
} from "@credanchor/core/protocol";
import { ToolError } from "../errors";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";
import { readCredentialFile } from "../readCredentialFile";

function parseExpiry(value: string): number {
  const match = /^(\d+)d?$/.exec(value);
  const days = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new InvalidArgumentError(`--expires must be 1d to 90d, got "${value}"`);
  return days;
}

/** The service's error code and words in `language` (it answers in both), or the HTTP status when its body is not ours. */
async function describeRefusal(response: Response, language: Language): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: Partial<Record<Language, string>> } };
    return `${body.error?.message?.[language] ?? response.statusText} [${body.error?.code ?? response.status}]`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function shareCommand(): Command {
  return withOptions(new Command("share"), "output")
    .description(
      "Holder: encrypt the credential here (AES-256-GCM) and store only the ciphertext on the share service; prints a link that expires, whose key is in its fragment",
    )
    .argument("<file>", "credential JSON file (hide claims first with `credanchor disclose`)")
    .addOption(new Option("--expires <days>", "lifetime of the link, 1d to 90d").default(7, "7d").argParser(parseExpiry))
    .addOption(new Option("--service <url>", "issuer service that stores the ciphertext").env("CREDANCHOR_SHARE_SERVICE").default("http://127.0.0.1:3000"))
    .addOption(new Option("--verifier <url>", "verifier site the link opens").env("CREDANCHOR_VERIFIER_URL").default("http://127.0.0.1:8080/"))
    .action(async (file: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ expires: number; service: string; verifier: string }>();
      const out = createOutput(options);
      const text = readCredentialFile(file);
      // Refuse to share something that is not a credential: the recipient would only see a broken link.
      parseAnyCredential(text);
      const { payload, key } = await encryptShare(text);
      const endpoint = new URL("api/v1/shares", own.service.endsWith("/") ? own.service : `${own.service}/`).href;
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ payload: bytesToBase64Url(payload), expiresInDays: own.expires }),
        });
      } catch (error) {
        throw new ToolError("SHARE_SERVICE_UNREACHABLE", { params: { url: own.service, reason: error instanceof Error ? error.message : String(error) }, cause: error });
      }
      if (response.status !== 201) throw new ToolError("SHARE_SERVICE_REFUSED", { params: { reason: await describeRefusal(response, options.lang) } });
      const share = (await response.json()) as { id: string; withdrawToken: string; expiresAt: string };
      const link = new URL(own.verifier);
      link.hash = formatShareFragment({ url: shareResourceUrl(own.service, share.id) }, key);
      out.text(
        [
          link.href,
          `Expires ${share.expiresAt}. Keep this withdraw token to withdraw the link or see how often it was opened:`,
          share.withdrawToken,
          `  withdraw: curl -X DELETE -H "X-Withdraw-Token: ${share.withdrawToken}" ${shareResourceUrl(own.service, share.id)}`,
        ].join("\n"),
      );
      out.json({ link: link.href, id: share.id, withdrawToken: share.withdrawToken, expiresAt: share.expiresAt, service: own.service });
    });
}
