import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2019, { type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";

const SCHEMAS = join(__dirname, "..", "..", "..", "docs", "schemas");

/** The 1EdTech JSON Schemas shipped in docs/schemas (draft 2019-09, as they declare), and their file names. */
export const PUBLISHED_SCHEMAS = {
  achievementCredential: "ob_v3p0_achievementcredential_schema.json",
  clrCredential: "clr_v2p0_clrcredential_schema.json",
} as const;

export type PublishedSchema = keyof typeof PUBLISHED_SCHEMAS;

const validators = new Map<PublishedSchema, ValidateFunction>();

/**
 * The errors of `document` against one published schema (`instancePath: message`), empty when it conforms. Strict
 * mode is off because the published files carry `$comment`s and keywords ajv's strict mode flags, not because any
 * keyword is skipped: ajv checks every keyword of 2019-09, `format` included (ajv-formats).
 */
export function publishedSchemaErrors(schema: PublishedSchema, document: unknown): string[] {
  let validate = validators.get(schema);
  if (validate === undefined) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, PUBLISHED_SCHEMAS[schema]), "utf8")) as object);
    validators.set(schema, validate);
  }
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "/"}: ${error.message ?? error.keyword}`);
}

export function publishedSchemaText(schema: PublishedSchema): Buffer {
  return readFileSync(join(SCHEMAS, PUBLISHED_SCHEMAS[schema]));
}
