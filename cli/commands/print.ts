import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import QRCode from "qrcode";
import { DEFAULT_CONTENT_DIR } from "@credanchor/core/issue";
import { formatCredentialLink, kindOf, parseAnyCredential, printLayout, readGradingScale, type AnyCredential, type GradingScale, type TranscriptCredential } from "@credanchor/core/protocol";
import { chromiumOption } from "../chromiumOption";
import { ToolError } from "../errors";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";
import { readCredentialFile } from "../readCredentialFile";
import { renderPdf } from "../renderPdf";

/** The densest QR code printed: version 25 is 117 × 117 modules, about what a phone reads from an A4 sheet. */
const MAX_QR_VERSION = 25;

/**
 * A transcript's grading scale from the content store `dir` (the file `credanchor issue --scale` stored under its CID),
 * checked against the CID the transcript names; undefined when the store does not hold it (the sheet then says the
 * legend is published apart). Bytes under that CID that are not the scale stop the print (CONTENT_CID_MISMATCH).
 */
function storedGradingScale(credential: AnyCredential, dir: string): GradingScale | undefined {
  if (kindOf(credential) !== "transcript") return undefined;
  const { cid } = (credential as TranscriptCredential).credentialSubject.gradingScale;
  const path = join(dir, cid);
  return existsSync(path) ? readGradingScale(readFileSync(path), cid) : undefined;
}

export function printCommand(): Command {
  return withOptions(new Command("print"), "output")
    .description("Holder: render the credential (award, transcript over several pages, or letter) as an A4 PDF in English and Traditional Chinese with a QR code of a verification link (headless Chromium)")
    .argument("<file>", "credential JSON file (hide claims first with `credanchor disclose`)")
    .requiredOption("--out <file>", "where to write the PDF")
    .option("--link <url>", "verification link for the QR code, e.g. from `credanchor share` (default: the credential itself in a #c= link, refused when its QR code would be denser than version 25)")
    .addOption(new Option("--verifier <url>", "verifier site for the default link").env("CREDANCHOR_VERIFIER_URL").default("http://127.0.0.1:8080/"))
    .option("--store <dir>", "local content store to read a transcript's grading scale from, to print its legend", DEFAULT_CONTENT_DIR)
    .addOption(chromiumOption())
    .action(async (file: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ out: string; link?: string; verifier: string; store: string; chromium: string }>();
      const out = createOutput(options);
      const text = readCredentialFile(file);
      const credential = parseAnyCredential(text);
      const link = own.link ?? formatCredentialLink(own.verifier, JSON.stringify(credential));
      // A QR code above version 25 (117 modules a side) no longer scans from paper with an ordinary phone camera;
      // a credential carried whole in a #c= link needs far more, so only a share link (about 100 characters) fits.
      let version: number;
      try {
        version = QRCode.create(link, { errorCorrectionLevel: "L" }).version;
      } catch {
        version = Number.POSITIVE_INFINITY;
      }
      if (version > MAX_QR_VERSION) throw new ToolError("QR_TOO_LARGE", { params: { path: file, max: MAX_QR_VERSION } });
      const qrDataUrl = await QRCode.toDataURL(link, { errorCorrectionLevel: "L", margin: 4, scale: 4 });
      const gradingScale = storedGradingScale(credential, own.store);
      await renderPdf(printLayout(credential, { link, qrDataUrl, ...(gradingScale === undefined ? {} : { gradingScale }) }), own.out, own.chromium);
      out.text(`Wrote ${own.out}`);
      out.json({ file: own.out, link });
    });
}
