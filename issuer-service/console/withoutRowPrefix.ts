// Core's messages start with the row ("Row 19: …", "第 19 行：…"); where the console shows the row in its own
// column, the prefix would say it twice.
const ROW_PREFIX = /^(?:Row \d+: |第 ?\d+ ?行[：:] ?)/;

/** A row message without its leading row number. */
export function withoutRowPrefix(message: string): string {
  return message.replace(ROW_PREFIX, "");
}
