import type { RowError } from "../graduateRowError";
import { parseGraduateFile } from "../parseGraduateFile";
import type { IssueKind, KindRecord } from "./IssueKind";
import { parseLetterFile } from "./parseLetterFile";
import { parseTranscriptFile } from "./parseTranscriptFile";

export interface ParsedKindFile {
  /** Issue only when `errors` is empty. */
  records: KindRecord[];
  /** The row (as a spreadsheet numbers it) each record starts on. */
  rows: number[];
  errors: RowError[];
  errorCount: number;
}

/**
 * Parses and validates an input file of one kind with that kind's parser (SPEC §12): graduates for awards, one row
 * per course for transcripts, one row per letter for letters. Every issuer (the CLI, the issuer service) reads its
 * input through this one function, so a file refused by one is refused by the other with the same row errors.
 */
export function parseKindFile(text: string, format: "csv" | "json", kind: IssueKind, options: { now?: Date } = {}): ParsedKindFile {
  switch (kind.kind) {
    case "transcript":
      return parseTranscriptFile(text, format, { scale: kind.scale, hideable: kind.hideable, ...options });
    case "letter":
      return parseLetterFile(text, format, { template: kind.template, ...options });
    default:
      return parseGraduateFile(text, format, options);
  }
}
