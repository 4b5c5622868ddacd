import { CREDENTIAL_KINDS } from "@credanchor/core/protocol";
import { z } from "zod";
import { HIDE_CHOICES } from "../portal/hideChoices";

/**
 * What a request may accept hidden: an award's hideable claims and a transcript's hideable sections (SPEC §6.2,
 * §12.2). Everything else a submitted credential holds must be shown; a letter hides nothing.
 */
export const HIDEABLE = HIDE_CHOICES;
export type Hideable = (typeof HIDEABLE)[number];

/** The longest a request stays open: long enough for an admissions round, short enough that payloads do not linger. */
export const MAX_REQUEST_DAYS = 180;

const Text = (max: number) => z.string().trim().max(max);

/** The applicant's own statement of what they hold, checked against the verified credential in the inbox. */
export const ClaimedDetails = z
  .object({ name: Text(200).default(""), award: Text(200).default(""), university: Text(200).default(""), awardYear: z.union([z.literal(""), z.string().regex(/^\d{4}$/)]).default("") })
  .strict();
export type ClaimedDetails = z.infer<typeof ClaimedDetails>;

/** Everything of a request but the applicant: what a bulk upload applies to every row of its CSV. */
export const RequestTemplate = z
  .object({
    message: Text(1000).min(1),
    kinds: z.array(z.enum(CREDENTIAL_KINDS)).min(1).max(CREDENTIAL_KINDS.length),
    university: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a university id").nullable().default(null),
    acceptsHidden: z.array(z.enum(HIDEABLE)).max(HIDEABLE.length).default([]),
    expiresInDays: z.number().int().min(1).max(MAX_REQUEST_DAYS),
  })
  .strict();
export type RequestTemplate = z.infer<typeof RequestTemplate>;

/** One request as `POST /api/v1/requests` takes it (docs/REQUESTS.md). */
export const RequestInput = RequestTemplate.extend({
  applicantReference: Text(100).min(1),
  claimed: ClaimedDetails.prefault({}),
}).strict();
export type RequestInput = z.infer<typeof RequestInput>;
