import { z } from "zod";
import { MAX_APPLICANTS } from "./createRequestsFromCsv";
import { REQUEST_STATUSES } from "./RequestStatus";
import { MAX_REQUEST_DAYS, RequestInput, RequestTemplate } from "./RequestInput";
import { MAX_WEBHOOK_ATTEMPTS, WEBHOOK_REPLAY_WINDOW_SECONDS } from "./webhooks";

const json = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref("Error")) });
/** The body schemas straight from the zod schemas the routes parse with, so the document cannot drift from them. */
const bodySchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  return rest;
};
/** Either an organisation key or a signed-in reviewer's inbox session. */
const organisationKey = [{ organisationKey: [] }, { reviewerSession: [] }];
const secretsKeyMissing = { "503": errorResponse("SECRETS_KEY_MISSING: the service has no secrets key to keep webhook secrets sealed, so webhooks are off") };
const idParam = { name: "id", in: "path", required: true, description: "Request id (the last part of its link)", schema: { type: "string" } };

/** The organisations' part of the OpenAPI document (docs/REQUESTS.md), merged into /api/v1's. */
export const requestPaths = {
  "/requests": {
    post: {
      summary: "Create a request to one applicant (organisation key)",
      description: `The organisation's words (\`message\`) are shown to the applicant marked as the organisation's, under the name the platform verified. The request expires after \`expiresInDays\` (at most ${MAX_REQUEST_DAYS}); \`link\` is the portal page the applicant opens.`,
      security: organisationKey,
      requestBody: { required: true, content: json(bodySchema(RequestInput)) },
      responses: { "201": { description: "The request with its link", content: json(ref("InstitutionRequest")) }, "400": errorResponse("Invalid body (the fields are named)"), "413": errorResponse("Body over 16 kB") },
    },
    get: {
      summary: "The organisation's requests, newest first (organisation key)",
      security: organisationKey,
      parameters: [
        { name: "status", in: "query", schema: { enum: [...REQUEST_STATUSES] } },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
        { name: "cursor", in: "query", schema: { type: "string" }, description: "`nextCursor` of the previous page" },
      ],
      responses: { "200": { description: "One page", content: json({ type: "object", properties: { items: { type: "array", items: ref("InstitutionRequest") }, nextCursor: { type: ["string", "null"] } } }) } },
    },
  },
  "/requests/webhook": {
    put: {
      summary: "Set the organisation's webhook endpoint; answers a fresh signing secret, shown only now (organisation key)",
      description: `Deliveries are POSTed on submission.created, submission.withdrawn and submission.expired (the payload deleted at expiry) with \`X-CredAnchor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">\` and \`X-CredAnchor-Delivery: <id>\`; refuse a timestamp more than ${WEBHOOK_REPLAY_WINDOW_SECONDS} s away and a delivery id already taken. Anything but 2xx is retried with exponential backoff, ${MAX_WEBHOOK_ATTEMPTS} attempts in all.`,
      security: organisationKey,
      requestBody: { required: true, content: json({ type: "object", additionalProperties: false, required: ["url"], properties: { url: { type: "string", format: "uri" } } }) },
      responses: { "200": { description: "The endpoint and its secret", content: json({ type: "object", properties: { url: { type: "string" }, secret: { type: "string" } } }) }, "400": errorResponse("Not an http(s) URL; a host that is or resolves to an internal address (WEBHOOK_TARGET_INTERNAL) or does not resolve (WEBHOOK_HOST_UNRESOLVED)"), ...secretsKeyMissing },
    },
    get: { summary: "The organisation's webhook endpoint (never its secret), or null", security: organisationKey, responses: { "200": { description: "The endpoint", content: json({ type: "object", properties: { webhook: { type: ["object", "null"] } } }) }, ...secretsKeyMissing } },
    delete: { summary: "Remove the webhook endpoint; queued deliveries stop", security: organisationKey, responses: { "204": { description: "Removed" }, ...secretsKeyMissing } },
  },
  "/requests/webhook/deliveries": {
    get: {
      summary: "The delivery log, newest first: event, request, attempts, last HTTP status or error, delivered or next attempt (organisation key)",
      security: organisationKey,
      parameters: [{ name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } }],
      responses: { "200": { description: "Deliveries", content: json({ type: "object", properties: { items: { type: "array", items: { type: "object" } } } }) }, ...secretsKeyMissing },
    },
  },
  "/requests/bulk": {
    post: {
      summary: "Create one request per applicant of a CSV; answers a CSV of their links (organisation key)",
      description: `\`applicants\`: CSV text (header row; columns Reference, Claimed name, Claimed award, Claimed university, Claimed year in any order; only Reference is required), at most ${MAX_APPLICANTS} applicants, under the template's other fields. Any bad row refuses the whole upload (422 with every problem) and nothing is stored. The answer is text/csv: applicant_reference, request_id, link, expires_at.`,
      security: organisationKey,
      requestBody: { required: true, content: json(bodySchema(RequestTemplate.extend({ applicants: z.string().min(1) }))) },
      responses: {
        "201": { description: "text/csv of the links", content: { "text/csv": { schema: { type: "string" } } } },
        "400": errorResponse("Invalid template"),
        "413": errorResponse("Body over 2 MB"),
        "422": { description: "Row problems; nothing stored", content: json(ref("RowErrors")) },
      },
    },
  },
  "/requests/{id}": {
    get: { summary: "One request of the organisation with its status and link", security: organisationKey, parameters: [idParam], responses: { "200": { description: "The request", content: json(ref("InstitutionRequest")) }, "404": errorResponse("No such request of this organisation") } },
  },
  "/requests/{id}/qr": {
    get: { summary: "The request's link as a QR code (PNG)", security: organisationKey, parameters: [idParam], responses: { "200": { description: "image/png", content: { "image/png": { schema: { type: "string", format: "binary" } } } }, "404": errorResponse("No such request of this organisation") } },
  },
  "/requests/{id}/openid4vp": {
    get: {
      summary: "The request as an OpenID4VP 1.0 authorization request: response_type vp_token, a DCQL query, a fresh nonce, exp (organisation key)",
      description:
        "One DCQL credential query per kind (format ldp_vc, type_values the expanded VC and kind types, no holder binding), every claim of the kind by its path in the credential as held; what the request accepts hidden, and what a credential of the kind may lack, is optional through claim_sets (every claim preferred first); several kinds: credential_sets with any non-empty combination. The service does not receive vp_token responses: client_id, response_uri and signing belong to the verifier that does (docs/REQUESTS.md).",
      security: organisationKey,
      parameters: [idParam],
      responses: {
        "200": { description: "The authorization request's parameters", content: json({ type: "object", required: ["response_type", "dcql_query", "nonce", "exp"], properties: { response_type: { const: "vp_token" }, dcql_query: { type: "object" }, nonce: { type: "string" }, exp: { type: "integer" } } }) },
        "404": errorResponse("No such request of this organisation"),
      },
    },
  },
  "/requests/{id}/submission": {
    get: {
      summary: "What the applicant sent: the credentials as they disclosed them (organisation key)",
      description: "Verify each credential yourself (the inbox does it in the reviewer's browser against the chain); the service gives no verdict. Gone (410) once the applicant withdrew it or the request expired: the payload is then deleted.",
      security: organisationKey,
      parameters: [idParam],
      responses: {
        "200": { description: "The submission", content: json({ type: "object", properties: { requestId: { type: "string" }, applicantReference: { type: "string" }, submittedAt: { type: "string", format: "date-time" }, credentials: { type: "array", items: { type: "object" } } } }) },
        "404": errorResponse("No such request of this organisation, or nothing submitted yet"),
        "410": errorResponse("SUBMISSION_WITHDRAWN or REQUEST_EXPIRED: the payload is deleted"),
      },
    },
  },
} as const;

export const requestSchemas = {
  InstitutionRequest: {
    type: "object",
    properties: {
      id: { type: "string" },
      link: { type: "string", format: "uri" },
      status: { enum: [...REQUEST_STATUSES] },
      organisation: { type: "object", properties: { id: { type: "string" }, name: ref("Localised") } },
      message: { type: "string", description: "The organisation's own words" },
      kinds: { type: "array", items: { enum: ["award", "transcript", "letter"] } },
      university: { type: ["string", "null"] },
      acceptsHidden: { type: "array", items: { type: "string" } },
      applicantReference: { type: "string" },
      claimed: { type: "object", properties: { name: { type: "string" }, award: { type: "string" }, university: { type: "string" }, awardYear: { type: "string" } } },
      createdAt: { type: "string", format: "date-time" },
      expiresAt: { type: "string", format: "date-time" },
      openedAt: { type: ["string", "null"], format: "date-time" },
      submission: {
        type: ["object", "null"],
        properties: { submittedAt: { type: "string", format: "date-time" }, withdrawnAt: { type: ["string", "null"], format: "date-time" }, credentials: { type: "integer" } },
      },
    },
  },
} as const;

export const organisationKeyScheme = { type: "http", scheme: "bearer", description: "An organisation API key (`co_…`): only /requests" } as const;

export const reviewerSessionScheme = {
  type: "apiKey",
  in: "cookie",
  name: "credanchor_inbox",
  description: "A reviewer's inbox session (sign in at /inbox/login/<provider>): only /requests; a POST, PUT or DELETE also needs the session's token in the X-CSRF-Token header",
} as const;
