import { Command, Option } from "commander";
import QRCode from "qrcode";
import { formatCredentialLink, parseAnyCredential, printLayout } from "@credanchor/core/protocol";
import { chromiumOption } from "../chromiumOption";
import { ToolError } from "../errors";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";
import { readCredentialFile } from "../readCredentialFile";
import { renderPdf } from "../renderPdf";

/** The densest QR code printed: version 25 is 117 × 117 modules, about what a phone reads from an A4 sheet. */
const MAX_QR_VERSION = 25;

export function printCommand(): Command {
  return withOptions(new Command("print"), "output")
    .description("Holder: render the credential (award, transcript over several pages, or letter) as an A4 PDF in English and Traditional Chinese with a QR code of a verification link (headless Chromium)")
    .argument("<file>", "credential JSON file (hide claims first with `credanchor disclose`)")
    .requiredOption("--out <file>", "where to write the PDF")
    .option("--link <url>", "verification link for the QR code, e.g. from `credanchor share` (default: the credential itself in a #c= link, refused when its QR code would be denser than version 25)")
    .addOption(new Option("--verifier <url>", "verifier site for the default link").env("CREDANCHOR_VERIFIER_URL").default("http://127.0.0.1:8080/"))
    .addOption(chromiumOption())
    .action(async (file: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ out: string; link?: string; verifier: string; chromium: string }>();
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
      await renderPdf(printLayout(credential, { link, qrDataUrl }), own.out, own.chromium);
      out.text(`Wrote ${own.out}`);
      out.json({ file: own.out, link });
    });
}
