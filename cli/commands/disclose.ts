import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { disclose, parseAnyCredential } from "@credanchor/core/protocol";
import { readCredentialFile } from "../readCredentialFile";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

export function discloseCommand(): Command {
  return withOptions(new Command("disclose"), "output")
    .description("Holder: hide claims (e.g. GPA) from a credential; the result still verifies")
    .argument("<file>", "credential JSON file")
    .requiredOption(
      "--hide <pointers...>",
      "RFC 6901 JSON Pointers of claims to hide, e.g. /credentialSubject/gpa /credentialSubject/dateOfBirth; a transcript hides only the sections its issuer marked hideable, each whole (/credentialSubject/cumulativeGpa hides every GPA), a letter nothing",
    )
    .requiredOption("--out <file>", "where to write the redacted credential")
    .action((file: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ hide: string[]; out: string }>();
      const out = createOutput(options);
      const redacted = disclose(parseAnyCredential(readCredentialFile(file)), own.hide);
      writeFileSync(own.out, `${JSON.stringify(redacted, null, 2)}\n`);
      const hidden = Object.keys(redacted.proof.hiddenClaims ?? {});
      out.text(`Wrote ${own.out}; hidden claims: ${hidden.join(", ")}`);
      out.json({ file: own.out, hiddenClaims: hidden });
    });
}
