/**
 * The OpenAPI 3.1 description of /api/v1, served as JSON and rendered as the human docs page, so the two never
 * disagree. Kept beside the routes it describes.
 */
import { DEFAULT_MAX_ERRORS } from "@credanchor/core/issue";
import { CREDENTIAL_KINDS, MAX_REASON_BYTES, REVOCATION_REASON_OPTIONS, TRANSCRIPT_SECTIONS } from "@credanchor/core/protocol";
import { en } from "../i18n/en";
import { organisationKeyScheme, requestPaths, requestSchemas, reviewerSessionScheme } from "../requests/requestsOpenApi";

const json = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** Every code the API answers with: the catalogue has a text for each (its type requires one per code). */
const ERROR_CODES = Object.keys(en)
  .filter((key) => key.startsWith("error."))
  .map((key) => key.slice("error.".length));
const errorResponse = (description: string) => ({ description, content: json(ref("Error")) });
const idParam = (description: string) => ({ name: "id", in: "path", required: true, description, schema: { type: "string" } });
const revokeBody = { required: true, content: json(ref("RevokeRequest")) };
const kindParam = (description: string) => ({ name: "kind", in: "query", schema: { enum: [...CREDENTIAL_KINDS] }, description });

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "CredAnchor issuer service",
    version: "1.0.0",
    description:
      "The registrar's API: upload graduates, watch a batch go through validated → built → signed → anchoring → confirmed → published, download the credentials, revoke, reissue, rotate the signing key. Every call needs `Authorization: Bearer <API key>`; a key only ever sees its own university (another university's ids answer 404).",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ apiKey: [] }],
  paths: {
    "/batches": {
      post: {
        summary: "Upload a batch of one credential kind: graduates, transcripts or letters (registrar; a correction needs registrar and revoker)",
        description:
          "`kind` chooses the credential kind (SPEC §12): `award` (the default; degree and sub-degree award certificates), `transcript` (one row per course, rows of a student grouped into one transcript, in any order) or `letter` (one row per letter, a column per template field). An award file comes as it is: CSV (text/csv, UTF-8, header row) or a JSON array (application/json). Any kind may come as multipart/form-data with the part `file` (the CSV or JSON; its media type or name tells which) and, for a transcript, `scale` (the grading scale, JSON, SPEC §12.2) and optionally `hideable` (the sections holders may hide, comma-separated from dateOfBirth,gpa,marks; all three when absent, none when empty); for a letter, `template` (the letter template, JSON, SPEC §12.3). A transcript batch publishes its grading scale to the content store under its CID (an identical scale already published is the same content, stored once) and every transcript names it by that CID. At most 50,000 rows (200,000 course rows for transcripts). Every row is validated before anything is stored; row errors come back together as 422, including a student who already holds a credential (ALREADY_HOLDS, REVOKED, PENDING, naming it). `mode=correction` replaces each row's valid credential instead (the old one is revoked on chain as superseded once the new one is final). `dryRun=true` stores nothing and answers the first rows and the row errors the upload would give. With `Idempotency-Key`, the same key and body return the same batch (200), the same key with another body is 422, and a duplicate while the first is still in flight is 409.",
        parameters: [
          { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } },
          { name: "kind", in: "query", schema: { enum: [...CREDENTIAL_KINDS], default: "award" }, description: "The credential kind of the whole batch" },
          { name: "mode", in: "query", schema: { enum: ["issue", "correction"], default: "issue" } },
          { name: "label", in: "query", schema: { type: "string", maxLength: 200 }, description: "Cohort label shown in the console (e.g. the file name)" },
          { name: "dryRun", in: "query", schema: { enum: ["true", "false"], default: "false" } },
        ],
        requestBody: {
          required: true,
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/json": { schema: { type: "array", items: { type: "object" } } },
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary", description: "The input file: graduates (award), one row per course (transcript), one row per letter (letter)" },
                  scale: { type: "string", format: "binary", description: "transcript: the grading scale (JSON)" },
                  hideable: { type: "string", description: `transcript: sections holders may hide, comma-separated from ${TRANSCRIPT_SECTIONS.join(",")}` },
                  template: { type: "string", format: "binary", description: "letter: the letter template (JSON)" },
                },
              },
            },
          },
        },
        responses: {
          "202": { description: "Accepted; the worker builds, signs and anchors it", content: json(ref("Batch")) },
          "200": { description: "Replay of an earlier request with the same Idempotency-Key and body", content: json(ref("Batch")) },
          "400": errorResponse("Unsupported media type, malformed header or multipart body, a part the kind needs missing (KIND_PARTS_MISSING), an unknown hideable section"),
          "409": errorResponse("The same Idempotency-Key is still in flight"),
          "413": errorResponse("Body larger than the upload limit"),
          "422": { description: "Row errors (nothing stored; an invalid grading scale or template is one error of row 0, field `scale` or `template`, code SCALE_INVALID or TEMPLATE_INVALID) or Idempotency-Key reused with another body", content: json(ref("RowErrors")) },
        },
      },
      get: {
        summary: "List the university's batches, newest first",
        parameters: [
          kindParam("Only batches of this kind"),
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          { name: "cursor", in: "query", schema: { type: "string" }, description: "`nextCursor` of the previous page" },
        ],
        responses: { "200": { description: "One page", content: json({ type: "object", properties: { items: { type: "array", items: ref("Batch") }, nextCursor: { type: ["string", "null"] } } }) } },
      },
    },
    "/batches/import": {
      post: {
        summary: "Take in a batch issued with credanchor issue, from its credential files (roles admin, registrar)",
        description: "Every credential of the batch, with all claims, in any order. Each must be in its batch's tree at its index, and the batch anchored under the university's issuer by the key that signed it; its graduates must hold no credential yet.",
        requestBody: { required: true, content: json({ type: "object", additionalProperties: false, required: ["label", "credentials"], properties: { label: { type: "string", maxLength: 200 }, credentials: { type: "array", items: { type: "object" } } } }) },
        responses: { "201": { description: "The imported batch, published", content: json(ref("Batch")) }, "400": errorResponse("A file that is not a full credential of the batch"), "409": errorResponse("Not anchored as described, or already imported"), "422": { description: "Graduates who already hold a credential", content: json(ref("RowErrors")) } },
      },
    },
    "/batches/{id}": {
      get: { summary: "State, progress, counts, transaction and confirmations of a batch", parameters: [idParam("Batch id")], responses: { "200": { description: "The batch", content: json(ref("Batch")) }, "404": errorResponse("No such batch of this university") } },
    },
    "/batches/{id}/credentials": {
      get: {
        summary: "ZIP of every credential file of a published batch plus its batch report and batch-<root>-claim-codes.csv (fresh one-time portal claim codes; an earlier download's unused codes stop working)",
        parameters: [idParam("Batch id")],
        responses: { "200": { description: "application/zip", content: { "application/zip": { schema: { type: "string", format: "binary" } } } }, "404": errorResponse("No such batch"), "409": errorResponse("Not published yet") },
      },
    },
    "/batches/{id}/identities": {
      post: {
        summary: "Identity-document numbers of a batch's graduates for the portal's identity match (text/csv student_id,id_document_number); only keyed hashes are stored (docs/PORTAL.md)",
        parameters: [idParam("Batch id")],
        requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
        responses: {
          "200": { description: "Recorded", content: json({ type: "object", properties: { batch: { type: "string" }, recorded: { type: "integer" } } }) },
          "400": errorResponse("A row names no graduate of the batch or no valid number, or identity match is not configured"),
          "404": errorResponse("No such batch"),
        },
      },
    },
    "/batches/{id}/revoke": {
      post: { summary: "Revoke a whole published batch on chain (role revoker)", parameters: [idParam("Batch id")], requestBody: revokeBody, responses: { "200": { description: "Revoked", content: json(ref("Revoked")) }, "404": errorResponse("No such batch"), "409": errorResponse("Not published or already revoked") } },
    },
    "/credentials": {
      get: {
        summary: "Search the university's credentials",
        parameters: [
          { name: "q", in: "query", schema: { type: "string", maxLength: 200 }, description: "Student id, name (either language) or credential id; case-insensitive substring" },
          { name: "batch", in: "query", schema: { type: "string" } },
          kindParam("Only credentials of this kind"),
          { name: "status", in: "query", schema: { enum: ["valid", "revoked", "superseded", "pending"] } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          { name: "cursor", in: "query", schema: { type: "string" }, description: "`nextCursor` of the previous page" },
        ],
        responses: { "200": { description: "One page and the total that matches", content: json({ type: "object", properties: { items: { type: "array", items: ref("CredentialListItem") }, nextCursor: { type: ["string", "null"] }, total: { type: "integer" } } }) } },
      },
    },
    "/credentials/{id}/reissue-after-revocation": {
      post: {
        summary: "Reissue a revoked credential (role revoker; audited with its reason)",
        description: "The one way back from a revoked credential: `reason` is required, corrected fields are optional (award certificates only: a transcript or letter is reissued as it was, dated today).",
        parameters: [idParam("Credential id")],
        requestBody: { required: true, content: json({ type: "object", required: ["reason"], properties: { reason: { type: "string", maxLength: MAX_REASON_BYTES } } }) },
        responses: { "202": { description: "The new batch", content: json(ref("Batch")) }, "404": errorResponse("No such credential"), "409": errorResponse("Not revoked, or a revocation or reissue is under way") },
      },
    },
    "/credentials/{id}": {
      get: { summary: "A released credential, its state and its whole history", parameters: [idParam("Credential id (urn:uuid:…)")], responses: { "200": { description: "The credential", content: json(ref("CredentialView")) }, "404": errorResponse("No such published credential of this university") } },
    },
    "/credentials/{id}/revoke": {
      post: { summary: "Revoke one credential on chain (role revoker)", parameters: [idParam("Credential id")], requestBody: revokeBody, responses: { "200": { description: "Revoked", content: json(ref("Revoked")) }, "404": errorResponse("No such credential"), "409": errorResponse("Already revoked") } },
    },
    "/credentials/{id}/reissue": {
      post: {
        summary: "Issue a corrected credential that supersedes this one (roles registrar and revoker)",
        description: "Award certificates: the fields below (a transcript or letter is corrected by uploading its rows again with `mode=correction`; fields sent for one are a 400). The corrected credential is anchored as a new one-credential batch; once it is published the old credential is revoked on chain with reason code Superseded and the new credential's id as reason.",
        parameters: [idParam("Credential id")],
        requestBody: { required: true, content: json(ref("Corrections")) },
        responses: { "202": { description: "The new batch", content: json(ref("Batch")) }, "404": errorResponse("No such credential"), "409": errorResponse("Revoked or a reissue is under way"), "422": { description: "The corrected fields are invalid", content: json(ref("RowErrors")) } },
      },
    },
    "/keys/rotate": {
      post: {
        summary: "Rotate the university's signing key (role admin)",
        description: "Generates a new key in the service's key directory (mode 0600), funds it from the old key if gas costs money, and calls IssuerRegistry.rotateSigningKey from the old key. Refused (409) while a batch is between build and anchor.",
        requestBody: { required: false, content: json({ type: "object", additionalProperties: false }) },
        responses: { "200": { description: "Rotated", content: json({ type: "object", properties: { oldKey: { type: "string" }, newKey: { type: "string" }, transaction: { type: ["string", "null"] } } }) }, "409": errorResponse("A batch is being anchored") },
      },
    },
    "/api-keys": {
      get: { summary: "List the university's API keys (role admin; hashes are never shown)", responses: { "200": { description: "Keys", content: json({ type: "object", properties: { items: { type: "array", items: ref("ApiKey") } } }) } } },
      post: {
        summary: "Create an API key (role admin); the key is shown once",
        requestBody: { required: true, content: json({ type: "object", additionalProperties: false, required: ["label", "roles"], properties: { label: { type: "string" }, roles: { type: "array", items: { enum: ["registrar", "revoker", "admin", "auditor"] } } } }) },
        responses: { "201": { description: "Created", content: json(ref("ApiKey")) } },
      },
    },
    "/api-keys/{id}/revoke": { post: { summary: "Revoke an API key (role admin)", parameters: [idParam("Key id")], responses: { "200": { description: "Revoked", content: json(ref("ApiKey")) }, "404": errorResponse("No such key") } } },
    "/audit": {
      get: {
        summary: "The university's append-only audit log (roles admin, auditor): a page, or the whole log as a download",
        parameters: [
          { name: "format", in: "query", schema: { enum: ["json", "jsonl", "csv"], default: "jsonl" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 }, description: "json only" },
          { name: "cursor", in: "query", schema: { type: "string" }, description: "json only: `nextCursor` of the previous page" },
        ],
        responses: { "200": { description: "JSON lines or CSV: id, at, university_id, key_id, action, target, result, detail", content: { "application/x-ndjson": { schema: { type: "string" } }, "text/csv": { schema: { type: "string" } } } } },
      },
    },
    "/shares": {
      post: {
        summary: "Store an encrypted share link (no API key; docs/SPEC.md §11)",
        description:
          "Graduates' browsers and `credanchor share` store AES-256-GCM ciphertext here; the key stays in the link's fragment. Limited per IP address per hour; CORS only for the origins in ISSUER_SHARE_CORS_ORIGINS.",
        security: [],
        requestBody: {
          required: true,
          content: json({ type: "object", required: ["payload", "expiresInDays"], additionalProperties: false, properties: { payload: { type: "string", description: "base64url, at most 262,144 bytes" }, expiresInDays: { type: "integer", minimum: 1, maximum: 90 } } }),
        },
        responses: {
          "201": { description: "Stored; the withdraw token is shown only now", content: json({ type: "object", properties: { id: { type: "string" }, withdrawToken: { type: "string" }, expiresAt: { type: "string" } } }) },
          "400": errorResponse("Invalid body"),
          "413": errorResponse("Payload too large"),
          "429": errorResponse("Too many links from this address"),
        },
      },
    },
    "/shares/{id}": {
      get: {
        summary: "Fetch the ciphertext of a share link (counts one open)",
        security: [],
        parameters: [idParam("Share id")],
        responses: {
          "200": { description: "Ciphertext", content: json({ type: "object", properties: { payload: { type: "string" }, expiresAt: { type: "string" } } }) },
          "404": errorResponse("No such share link"),
          "410": errorResponse("SHARE_EXPIRED or SHARE_WITHDRAWN"),
        },
      },
      delete: {
        summary: "Withdraw a share link (header X-Withdraw-Token); its ciphertext is deleted",
        security: [],
        parameters: [idParam("Share id"), { name: "X-Withdraw-Token", in: "header", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "Withdrawn", content: json(ref("ShareStatus")) }, "404": errorResponse("No such share link, or not its token") },
      },
    },
    "/shares/{id}/status": {
      get: {
        summary: "How often the link was opened and whether it still works (header X-Withdraw-Token)",
        security: [],
        parameters: [idParam("Share id"), { name: "X-Withdraw-Token", in: "header", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "Status", content: json(ref("ShareStatus")) }, "404": errorResponse("No such share link, or not its token") },
      },
    },
    "/me": { get: { summary: "The university, key id and roles of the calling key", responses: { "200": { description: "Identity", content: json({ type: "object" }) } } } },
    ...requestPaths,
  },
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A university API key (`ca_…`)" }, organisationKey: organisationKeyScheme, reviewerSession: reviewerSessionScheme },
    schemas: {
      ...requestSchemas,
      ShareStatus: {
        type: "object",
        properties: { id: { type: "string" }, opens: { type: "integer" }, expiresAt: { type: "string" }, state: { enum: ["active", "expired", "withdrawn"] } },
      },
      Error: { type: "object", properties: { error: { type: "object", properties: { code: { enum: ERROR_CODES }, message: ref("Localised"), fields: { type: "array" } } } } },
      Localised: { type: "object", required: ["en", "zh-Hant"], properties: { en: { type: "string" }, "zh-Hant": { type: "string" } } },
      RowErrors: {
        type: "object",
        required: ["error", "errors", "errorCount"],
        properties: {
          error: { type: "object" },
          errors: {
            type: "array",
            maxItems: DEFAULT_MAX_ERRORS,
            description: `The first ${DEFAULT_MAX_ERRORS} problems in file order (all of them when there are fewer)`,
            items: {
              type: "object",
              properties: {
                row: { type: "integer" },
                field: { type: "string" },
                code: { type: "string" },
                value: { type: "string", description: "The offending value as it may safely be shown (invisible characters as <U+XXXX>, at most 60 characters)" },
                credential: { type: ["string", "null"], description: "Lifecycle refusals: the student's existing credential" },
                message: ref("Localised"),
                fix: ref("Localised"),
              },
            },
          },
          errorCount: { type: "integer", description: "How many problems the input has in all; more than the length of `errors` when the list was cut" },
        },
      },
      Batch: {
        type: "object",
        properties: {
          id: { type: "string" },
          kind: { enum: [...CREDENTIAL_KINDS], description: "The kind of every credential in the batch" },
          state: { enum: ["received", "validated", "built", "signed", "anchoring", "confirmed", "published", "failed"] },
          progress: { type: "object", properties: { percent: { type: "integer" }, credentialsStored: { type: "integer" } } },
          counts: { type: "object", properties: { credentials: { type: "integer" }, valid: { type: "integer" }, revoked: { type: "integer" }, superseded: { type: "integer" }, pending: { type: "integer" } } },
          label: { type: ["string", "null"] },
          source: { enum: ["api", "import"] },
          mode: { enum: ["issue", "correction", "reissueAfterRevocation"] },
          root: { type: ["string", "null"] },
          manifestCid: { type: ["string", "null"] },
          transaction: { type: ["object", "null"], properties: { hash: { type: "string" }, nonce: { type: ["integer", "null"] }, blockNumber: { type: ["integer", "null"] }, confirmations: { type: "integer" } } },
          attempts: { type: "integer" },
          lastError: { type: ["string", "null"] },
          error: { type: ["string", "null"], description: "Why the batch failed" },
          supersedes: { type: ["string", "null"] },
          createdAt: { type: "string", format: "date-time" },
          publishedAt: { type: ["string", "null"], format: "date-time" },
        },
      },
      RevokeRequest: {
        type: "object",
        additionalProperties: false,
        required: ["reason"],
        properties: {
          reason: { type: "string", maxLength: MAX_REASON_BYTES, description: `At most ${MAX_REASON_BYTES} bytes of UTF-8` },
          reasonCode: { enum: [...REVOCATION_REASON_OPTIONS], default: "unspecified" },
        },
      },
      Revoked: { type: "object", properties: { id: { type: "string" }, transaction: { type: ["string", "null"] } } },
      Corrections: {
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(
          ["nameEn", "nameZh", "degreeEn", "degreeZh", "majorEn", "majorZh", "honoursEn", "honoursZh", "awardDate", "dateOfBirth", "validUntil"].map((name) => [name, { type: "string" }]).concat([["gpa", { type: "number" }]]),
        ),
      },
      CredentialListItem: {
        type: "object",
        properties: {
          id: { type: "string" },
          batchId: { type: "string" },
          kind: { enum: [...CREDENTIAL_KINDS] },
          studentId: { type: "string" },
          nameEn: { type: ["string", "null"] },
          nameZh: { type: ["string", "null"] },
          title: { ...ref("Localised"), description: "An award's degree, a transcript's programme, a letter's title" },
          date: { type: "string", description: "YYYY-MM-DD: an award's award date, a transcript's completion, as-of or withdrawal date, a letter's day of issue" },
          status: { enum: ["valid", "revoked", "superseded", "pending"] },
          issuedAt: { type: ["string", "null"] },
        },
      },
      CredentialView: { type: "object", properties: { id: { type: "string" }, batchId: { type: "string" }, kind: { enum: [...CREDENTIAL_KINDS] }, studentId: { type: "string" }, status: { type: "object" }, credential: { type: "object" } } },
      ApiKey: { type: "object", properties: { id: { type: "string" }, key: { type: "string", description: "Only in the response that created it" }, roles: { type: "array" }, label: { type: "string" }, createdAt: { type: "string" }, revokedAt: { type: ["string", "null"] } } },
    },
  },
} as const;
