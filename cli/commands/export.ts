import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { exportVc, parseAnyCredential } from "@credanchor/core/protocol";
import { readCredentialFile } from "../readCredentialFile";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

export function exportCommand(): Command {
  return withOptions(new Command("export"), "output")
    .description(
      "Holder: write the credential as a W3C Verifiable Credential 2.0 document that embeds the original (still verifiable): an award as an Open Badges 3.0 OpenBadgeCredential, a transcript as a CLR 2.0 ClrCredential (one achievement per course), a letter as an Open Badges 3.0 AchievementCredential; --lang picks the language of its texts",
    )
    .argument("<file>", "credential JSON file (hide claims first with `credanchor disclose`)")
    .addOption(new Option("--format <format>", "export format").choices(["vc"]).makeOptionMandatory())
    .option("--out <file>", "where to write the export (default: stdout)")
    .action((file: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ format: "vc"; out?: string }>();
      const out = createOutput(options);
      const credential = parseAnyCredential(readCredentialFile(file));
      const document = `${JSON.stringify(exportVc(credential, options.lang), null, 2)}\n`;
      if (own.out === undefined) {
        process.stdout.write(document);
        return;
      }
      writeFileSync(own.out, document);
      out.text(`Wrote ${own.out} (${own.format}, ${options.lang})`);
      out.json({ file: own.out, format: own.format, language: options.lang });
    });
}
