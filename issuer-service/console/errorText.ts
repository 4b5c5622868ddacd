import { ApiError } from "./ApiError";
import { i18n } from "./i18n";

/** A failure as one sentence in the console's language; the page's own bugs also go to the browser console. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.localised(i18n.language);
  console.error(error);
  return i18n.t("console.unexpected");
}
