import type { z } from "zod";
import { decodeGraduateFile, detectGraduateFileFormat, type IssueKind, LetterTemplate } from "@credanchor/core/issue";
import { type CredentialKind, GradingScale, InputValidationError, parseJson, TRANSCRIPT_SECTIONS, type TranscriptSection } from "@credanchor/core/protocol";
import { BadRequestError, UnprocessableError } from "../errors";
import { translate } from "../i18n/translate";
import type { RowError } from "./parseUpload";

/** An upload as the domain takes it: the input file's text and format, and the kind with what it is issued with. */
export interface Upload {
  text: string;
  format: "csv" | "json";
  kind: IssueKind;
}

/** Sections holders may hide when the upload does not say (all of them, as `credanchor issue --hideable` defaults). */
const DEFAULT_HIDEABLE = TRANSCRIPT_SECTIONS;

function decoded(bytes: Uint8Array): string {
  try {
    return decodeGraduateFile(bytes);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    const errors: RowError[] = [{ row: 0, field: "", code: error.code, message: translate("row.INVALID_ENCODING") }];
    throw new UnprocessableError("INVALID_ROWS", { params: { count: 1 }, details: errors, cause: error });
  }
}

/** A JSON part (the grading scale, the letter template) checked against its schema; a problem is a 422 naming the part. */
function jsonPart<T>(text: string, part: "scale" | "template", schema: z.ZodType<T>): T {
  const code = part === "scale" ? "SCALE_INVALID" : "TEMPLATE_INVALID";
  const refuse = (detail: string): never => {
    const errors: RowError[] = [{ row: 0, field: part, code, message: translate(`row.${code}`, { detail }) }];
    throw new UnprocessableError("INVALID_ROWS", { params: { count: 1 }, details: errors });
  };
  let value: unknown;
  try {
    value = parseJson(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    return refuse((error as Error).message);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return refuse(`${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
}

function hideableOf(value: string | null): TranscriptSection[] {
  if (value === null) return [...DEFAULT_HIDEABLE];
  const names = value.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !(TRANSCRIPT_SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new BadRequestError("INVALID_REQUEST", { details: [{ field: "body.hideable", message: `unknown section ${unknown.join(", ")}; allowed: ${TRANSCRIPT_SECTIONS.join(", ")}` }] });
  }
  return names as TranscriptSection[];
}

const missingPart = (kind: CredentialKind, parts: string) => new BadRequestError("KIND_PARTS_MISSING", { params: { kind: translate(`kind.${kind}`), parts } });

/**
 * Reads an upload's body for its kind (docs/ISSUER-SERVICE.md, "Kinds"). An award file may come as it is (text/csv or
 * application/json); any kind may come as multipart/form-data with the part `file` and, for a transcript, `scale` (the
 * grading scale, JSON) and optionally `hideable` (sections, comma-separated), for a letter `template` (JSON). The
 * file's format is its part's media type, else its name's extension, else what its text starts with.
 */
export async function readUpload(body: Uint8Array, contentType: string, kind: CredentialKind): Promise<Upload> {
  if (!/^multipart\/form-data/i.test(contentType)) {
    if (kind === "transcript") throw missingPart(kind, "file, scale");
    if (kind === "letter") throw missingPart(kind, "file, template");
    return { text: decoded(body), format: /^application\/json/i.test(contentType) ? "json" : "csv", kind: { kind: "award" } };
  }
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
  } catch (cause) {
    throw new BadRequestError("INVALID_REQUEST", { details: [{ field: "body", message: "not valid multipart/form-data" }], cause });
  }
  const file = form.get("file");
  if (file === null || typeof file === "string") throw missingPart(kind, kind === "award" ? "file" : kind === "transcript" ? "file, scale" : "file, template");
  const text = decoded(new Uint8Array(await file.arrayBuffer()));
  const format = /^application\/json/i.test(file.type) ? "json" : /^text\/csv/i.test(file.type) ? "csv" : detectGraduateFileFormat(file.name, text);
  const partText = async (name: "scale" | "template") => {
    const part = form.get(name);
    if (part === null) throw missingPart(kind, `file, ${name}`);
    return typeof part === "string" ? part : decoded(new Uint8Array(await part.arrayBuffer()));
  };
  if (kind === "transcript") {
    const hideable = form.get("hideable");
    const scale = jsonPart(await partText("scale"), "scale", GradingScale);
    return { text, format, kind: { kind, scale, hideable: hideableOf(typeof hideable === "string" ? hideable : null) } };
  }
  if (kind === "letter") return { text, format, kind: { kind, template: jsonPart(await partText("template"), "template", LetterTemplate) } };
  return { text, format, kind: { kind: "award" } };
}
