/**
 * The browser tests drive Debian's Chromium through playwright-core (`playwright install` cannot download browsers
 * here), and the print tests render PDFs with poppler's pdftoppm. Installs whichever is missing when we run as root;
 * otherwise prints the exact command and fails.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const TOOLS = [
  { binary: "/usr/bin/chromium", debianPackage: "chromium" },
  { binary: "/usr/bin/pdftoppm", debianPackage: "poppler-utils" },
];

function main(): number {
  const missing = TOOLS.filter((tool) => !existsSync(tool.binary));
  if (missing.length === 0) return 0;
  const install = `apt-get update && apt-get install -y ${missing.map((tool) => tool.debianPackage).join(" ")}`;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    console.error(`${missing.map((tool) => tool.binary).join(" and ")} missing. Install as root with:\n  ${install}`);
    return 1;
  }
  console.log(`Installing the test tools: ${install}`);
  execSync(install, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return missing.every((tool) => existsSync(tool.binary)) ? 0 : 1;
}

process.exitCode = main();
