/**
 * The browser tests (test/e2e/verifier*.ts) drive Debian's Chromium through playwright-core, because
 * `playwright install` cannot download browsers here. Installs it when missing and we may; otherwise says how.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const INSTALL = "apt-get update && apt-get install -y chromium";

function main(): number {
  if (existsSync(CHROMIUM)) return 0;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    console.error(`${CHROMIUM} is missing. Install it as root with:\n  ${INSTALL}`);
    return 1;
  }
  console.log(`${CHROMIUM} is missing; installing: ${INSTALL}`);
  execSync(INSTALL, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return existsSync(CHROMIUM) ? 0 : 1;
}

process.exitCode = main();
