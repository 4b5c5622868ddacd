import { translateTo } from "../i18n/translate";
import { ApiError, type ApiErrorBody } from "./ApiError";

/**
 * One call to the service from a page (the console, the inbox): a network failure or a refusal becomes an ApiError
 * carrying the service's bilingual message, so every view shows failures the same way.
 */
export async function fetchApi(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    const message = {
      en: translateTo("en", "network.unreachable"),
      "zh-Hant": translateTo("zh-Hant", "network.unreachable"),
    };
    throw new ApiError(0, { error: { code: "NETWORK", message } });
  }
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as ApiErrorBody);
  return response;
}
