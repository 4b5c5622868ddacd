import { contentId } from "../contentId";
import { ContentError } from "../errors";
import { parseJson } from "../parseJson";
import { GradingScale } from "./GradingScale";

/**
 * The grading scale in `bytes` fetched by `cid` (from a content store or an IPFS gateway), accepted only if the
 * bytes are exactly those the CID names and they are a grading scale (SPEC §12.2): whoever served them cannot
 * substitute another legend. Throws ContentError `CONTENT_CID_MISMATCH` or `CONTENT_NOT_GRADING_SCALE` otherwise.
 */
export function readGradingScale(bytes: Uint8Array, cid: string): GradingScale {
  let actual: string;
  try {
    actual = contentId(bytes);
  } catch (cause) {
    throw new ContentError(`The bytes fetched for ${cid} cannot be its content`, { code: "CONTENT_CID_MISMATCH", cause });
  }
  if (actual !== cid) throw new ContentError(`The bytes fetched for ${cid} have the content ID ${actual}`, { code: "CONTENT_CID_MISMATCH", details: { expected: cid, actual } });
  let document: unknown;
  try {
    document = parseJson(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new ContentError(`The content ${cid} is not JSON text`, { code: "CONTENT_NOT_GRADING_SCALE", cause });
  }
  const parsed = GradingScale.safeParse(document);
  if (!parsed.success) throw new ContentError(`The content ${cid} is not a grading scale`, { code: "CONTENT_NOT_GRADING_SCALE", details: parsed.error.issues });
  return parsed.data;
}
