import { Option } from "commander";

/** `--chromium PATH` of the commands that render a PDF with headless Chromium. */
export function chromiumOption(): Option {
  return new Option("--chromium <path>", "Chromium executable").env("CREDANCHOR_CHROMIUM").default("/usr/bin/chromium");
}
