/**
 * `npm run lint` holds the line between the apps and @credanchor/core: the repository's own ESLint configuration
 * (eslint.config.mjs, through ESLint's Node API) refuses an app importing another app or reaching into core's
 * internals, and lets an app import core's entry points.
 */
import { expect } from "chai";
import { join } from "node:path";
import { ESLint } from "eslint";

const ROOT = join(__dirname, "..", "..");

const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages ESLint reports for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2).map((m) => m.message);
}

const importing = (specifier: string) => `import { thing } from "${specifier}";\nexport const used = thing;\n`;

describe("lint: app boundaries (eslint.config.mjs)", function () {
  // The first lint loads the configuration and typescript-eslint.
  this.timeout(60_000);

  const refused: [file: string, specifier: string, message: RegExp][] = [
    ["cli/x.ts", "../issuer-service/app", /cli must not import issuer-service/],
    ["verifier-web/src/x.ts", "../../cli/main", /verifier-web must not import cli/],
    ["issuer-service/x.ts", "../verifier-web/src/main", /issuer-service must not import verifier-web/],
    ["scripts/x.ts", "../cli/main", /scripts must not import cli/],
    ["issuer-service/x.ts", "@credanchor/core/src/merkle", /through its entry points: protocol, chain or issue/],
    ["issuer-service/x.ts", "../core/src/merkle", /through its entry points, not by path/],
    ["cli/commands/x.ts", "../../core/protocol", /through its entry points, not by path/],
  ];
  for (const [file, specifier, message] of refused) {
    it(`refuses ${file} importing ${specifier}`, async () => {
      const errors = await boundaryErrors(file, importing(specifier));
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(message);
    });
  }

  it("refuses a re-export and a type-only import across the line as well", async () => {
    expect(await boundaryErrors("cli/x.ts", 'export { buildApp } from "../issuer-service/app";\n')).to.have.length(1);
    expect(await boundaryErrors("cli/x.ts", 'import type { Config } from "../issuer-service/config";\nexport type Used = Config;\n')).to.have.length(1);
  });

  for (const entry of ["@credanchor/core/protocol", "@credanchor/core/chain", "@credanchor/core/issue"]) {
    it(`lets issuer-service import ${entry}`, async () => {
      expect(await boundaryErrors("issuer-service/x.ts", importing(entry))).to.deep.equal([]);
    });
  }

  it("lets an app import its own modules", async () => {
    expect(await boundaryErrors("issuer-service/worker/x.ts", importing("../chain/isRpcFailure"))).to.deep.equal([]);
  });
});
