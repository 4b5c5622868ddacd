import { fetchApi } from "./fetchApi";

const KEY_STORAGE = "credanchor.apiKey";

function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${sessionStorage.getItem(KEY_STORAGE) ?? ""}`);
  return fetchApi(`/api/v1${path}`, { ...init, headers });
}

/**
 * The service's API as the console calls it. The API key lives in sessionStorage only, so it disappears with the
 * tab; every failure becomes an ApiError carrying the service's bilingual message.
 */
export const api = {
  signIn(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  },
  get savedKey(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  async get<T>(path: string): Promise<T> {
    return (await (await call(path)).json()) as T;
  },
  /** A file's bytes as they are, a form as multipart/form-data (the browser writes its boundary), anything else as JSON. */
  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const raw = body instanceof Uint8Array || body instanceof FormData;
    const response = await call(path, {
      method: "POST",
      headers: body instanceof FormData ? headers : { "content-type": "application/json", ...headers },
      body: raw ? (body as unknown as BodyInit) : JSON.stringify(body),
    });
    return (await response.json()) as T;
  },
  async blob(path: string): Promise<Blob> {
    return (await call(path)).blob();
  },
};
