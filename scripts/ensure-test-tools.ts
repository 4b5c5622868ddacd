/**
 * The browser tests drive Debian's Chromium through playwright-core (`playwright install` cannot download browsers
 * here) and need a CJK font, or Chinese renders as empty boxes; the print tests render PDFs with poppler's pdftoppm;
 * the issuer-service suites run a second time against a throwaway PostgreSQL cluster started from Debian's server
 * binaries. Installs whichever is missing when we run as root; otherwise prints the exact command and fails.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const TOOLS = [
  { file: "/usr/bin/chromium", debianPackage: "chromium" },
  { file: "/usr/bin/pdftoppm", debianPackage: "poppler-utils" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", debianPackage: "fonts-noto-cjk" },
  { file: "/usr/lib/postgresql/15/bin/postgres", debianPackage: "postgresql" },
];

function main(): number {
  const missing = TOOLS.filter((tool) => !existsSync(tool.file));
  if (missing.length === 0) return 0;
  const install = `apt-get update && apt-get install -y ${missing.map((tool) => tool.debianPackage).join(" ")}`;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    console.error(`${missing.map((tool) => tool.file).join(" and ")} missing. Install as root with:\n  ${install}`);
    return 1;
  }
  console.log(`Installing the test tools: ${install}`);
  execSync(install, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return missing.every((tool) => existsSync(tool.file)) ? 0 : 1;
}

process.exitCode = main();
