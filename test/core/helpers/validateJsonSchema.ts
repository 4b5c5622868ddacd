import { isDeepStrictEqual } from "node:util";

/**
 * A JSON Schema (2020-12) validator for exactly the keywords our schemas use; no validator package is installed.
 * An unknown keyword throws instead of being ignored, so a schema can never silently check less than it says.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "title", "description"]);
const KEYWORDS = new Set(["$ref", "type", "properties", "required", "additionalProperties", "const", "enum", "pattern", "minLength", "items", "minItems"]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const token of ref.slice(2).split("/")) node = (node as Schema)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

/** Every violation as `pointer: problem`; empty when `value` is valid. */
export function validateJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const visit = (schema: Schema, node: unknown, at: string) => {
    for (const keyword of Object.keys(schema)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`unsupported keyword ${keyword} at schema for ${at || "/"}`);
    }
    if (typeof schema.$ref === "string") visit(resolve(root, schema.$ref), node, at);
    const kind = typeOf(node);
    if (typeof schema.type === "string" && schema.type !== kind && !(schema.type === "number" && kind === "integer")) {
      errors.push(`${at || "/"}: expected ${schema.type}, got ${kind}`);
      return;
    }
    if ("const" in schema && !isDeepStrictEqual(schema.const, node)) errors.push(`${at || "/"}: must be ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => isDeepStrictEqual(option, node))) errors.push(`${at || "/"}: must be one of ${JSON.stringify(schema.enum)}`);
    if (typeof node === "string") {
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(node)) errors.push(`${at}: does not match ${schema.pattern}`);
      if (typeof schema.minLength === "number" && [...node].length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    }
    if (Array.isArray(node)) {
      if (typeof schema.minItems === "number" && node.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
      if (schema.items !== undefined) node.forEach((item, i) => visit(schema.items as Schema, item, `${at}/${i}`));
    }
    if (kind === "object") {
      const object = node as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!Object.hasOwn(object, name)) errors.push(`${at}/${name}: required`);
      for (const [name, child] of Object.entries(object)) {
        const pointer = `${at}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (Object.hasOwn(properties, name)) visit(properties[name] as Schema, child, pointer);
        else if (schema.additionalProperties === false) errors.push(`${pointer}: not allowed`);
      }
    }
  };
  visit(root, value, "");
  return errors;
}
