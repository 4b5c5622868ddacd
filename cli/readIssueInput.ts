import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  buildKindCredential,
  credentialFileStem,
  decodeGraduateFile,
  detectGraduateFileFormat,
  type IssueKind,
  type IssuerProfile,
  LetterTemplate,
  parseKindFile,
  type RowError,
} from "@credanchor/core/issue";
import {
  type AnyUnsignedCredential,
  type CredentialKind,
  GradingScale,
  gradingScaleBytes,
  parseJson,
  TRANSCRIPT_SECTIONS,
  type TranscriptSection,
} from "@credanchor/core/protocol";
import type { z } from "zod";
import { UsageError } from "./errors";

export interface IssueInputOptions {
  kind: CredentialKind;
  input: string;
  scale?: string;
  template?: string;
  hideable: string;
}

/** A validated input file of one kind: what to name each credential file after, and how to build the credentials. */
export type IssueInput =
  | { errors: RowError[]; errorCount: number }
  | {
      errors: [];
      /** One per credential, in input order: the student id its file is named after. */
      names: string[];
      build(issuer: IssuerProfile, onBuilt: () => void): AnyUnsignedCredential[];
      /** Content the batch refers to by CID and that must be in the content store with it (a transcript's scale). */
      publish: Uint8Array[];
    };

function readJsonFile<T>(path: string, schema: z.ZodType<T>, code: "SCALE_INVALID" | "TEMPLATE_INVALID"): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError("FILE_MISSING", { params: { path } });
  }
  let value: unknown;
  try {
    value = parseJson(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(code, { params: { path, detail: (error as Error).message } });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(code, { params: { path, detail: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}` } });
  }
  return parsed.data;
}

function sections(list: string): TranscriptSection[] {
  const names = list.split(",").map((name) => name.trim()).filter((name) => name !== "");
  for (const name of names) {
    if (!(TRANSCRIPT_SECTIONS as readonly string[]).includes(name)) throw new UsageError("HIDEABLE_INVALID", { params: { value: name, allowed: TRANSCRIPT_SECTIONS.join(", ") } });
  }
  return names as TranscriptSection[];
}

/** The kind `--kind` names, with the grading scale or template its option names read and checked. */
function issueKindOf(options: IssueInputOptions): IssueKind {
  if (options.kind === "transcript") {
    if (options.scale === undefined) throw new UsageError("KIND_NEEDS", { params: { kind: "transcript", option: "--scale FILE" } });
    return { kind: "transcript", scale: readJsonFile(options.scale, GradingScale, "SCALE_INVALID"), hideable: sections(options.hideable) };
  }
  if (options.kind === "letter") {
    if (options.template === undefined) throw new UsageError("KIND_NEEDS", { params: { kind: "letter", option: "--template FILE" } });
    return { kind: "letter", template: readJsonFile(options.template, LetterTemplate, "TEMPLATE_INVALID") };
  }
  return { kind: "award" };
}

/**
 * Reads and validates `credanchor issue --input` for its `--kind` (SPEC §12): graduates for awards, one row per course
 * for transcripts (with `--scale`), one row per letter for letters (with `--template`). Row errors are returned, never
 * thrown, so the command lists them all; a missing or malformed --scale or --template is a usage error.
 */
export function readIssueInput(options: IssueInputOptions): IssueInput {
  const text = decodeGraduateFile(new Uint8Array(readFileSync(options.input)));
  const format = detectGraduateFileFormat(basename(options.input), text);
  const kind = issueKindOf(options);
  const parsed = parseKindFile(text, format, kind);
  if (parsed.errorCount > 0) return parsed;
  return {
    errors: [],
    names: parsed.records.map((record) => credentialFileStem(record.studentId, kind)),
    build: (issuer, onBuilt) => parsed.records.map((record) => (onBuilt(), buildKindCredential(record, issuer, kind))),
    publish: kind.kind === "transcript" ? [gradingScaleBytes(kind.scale)] : [],
  };
}
