import { SingleBar, Presets } from "cli-progress";
import type { Output } from "./output";

export interface Progress {
  increment(by?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for a terminal; in a pipe or CI log, one line when the stage starts and one when it ends
 * instead of thousands of redraws.
 */
export function startProgress(out: Output, label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
  }
  const started = Date.now();
  out.log(`${label}: ${total}…`);
  return {
    increment: () => undefined,
    stop: () => out.log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(2)} s`),
  };
}
