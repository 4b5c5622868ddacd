import {
  base64UrlToBytes,
  bytesToBase64Url,
  decryptShare,
  encryptShare,
  formatShareFragment,
  type ShareReference,
  shareResourceUrl,
} from "@credanchor/core/protocol";

/** Why a share link could not be opened, each with its own message for the reader. */
export type ShareProblem = "expired" | "withdrawn" | "notFound" | "unreachable" | "noService" | "damaged";

export class ShareOpenError extends Error {
  override name = "ShareOpenError";
  constructor(readonly problem: ShareProblem) {
    super(problem);
  }
}

export interface CreatedShareLink {
  link: string;
  id: string;
  withdrawToken: string;
  expiresAt: string;
}

export interface ShareLinkStatus {
  opens: number;
  expiresAt: string;
  state: "active" | "expired" | "withdrawn";
}

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    // No cookies, no referrer: the service learns nothing about the page beyond the request itself.
    return await fetch(url, { ...init, credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" });
  } catch {
    throw new ShareOpenError("unreachable");
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/**
 * Encrypts the credential in this browser, stores only the ciphertext on the share service and returns a link to
 * this verifier whose fragment holds the share id and the key (SPEC §11).
 */
export async function createShareLink(serviceUrl: string, credentialText: string, days: number, verifierUrl: string): Promise<CreatedShareLink> {
  const { payload, key } = await encryptShare(credentialText);
  const response = await request(shareResourceUrl(serviceUrl, ""), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ payload: bytesToBase64Url(payload), expiresInDays: days }),
  });
  if (response.status !== 201) throw new Error(`${response.status} ${(await errorCode(response)) ?? ""}`.trim());
  const share = (await response.json()) as { id: string; withdrawToken: string; expiresAt: string };
  const link = new URL(verifierUrl);
  link.hash = formatShareFragment({ id: share.id }, key);
  return { link: link.href, ...share };
}

/** Fetches and decrypts a shared credential; ShareOpenError says what went wrong in words a reader can act on. */
export async function openShareLink(reference: ShareReference, serviceUrl: string | undefined): Promise<string> {
  let url: string;
  if ("url" in reference.location) url = reference.location.url;
  else if (serviceUrl === undefined) throw new ShareOpenError("noService");
  else url = shareResourceUrl(serviceUrl, reference.location.id);
  const response = await request(url);
  if (response.status === 410) throw new ShareOpenError((await errorCode(response)) === "SHARE_WITHDRAWN" ? "withdrawn" : "expired");
  if (response.status === 404 || response.status === 400) throw new ShareOpenError("notFound");
  if (!response.ok) throw new ShareOpenError("unreachable");
  try {
    const body = (await response.json()) as { payload: string };
    return await decryptShare(base64UrlToBytes(body.payload), reference.key);
  } catch {
    // A wrong key, a damaged payload or a body that is not ours: in every case the link cannot be opened as it is.
    throw new ShareOpenError("damaged");
  }
}

/** How often the holder's link was opened and whether it still works (needs the withdraw token). */
export async function shareLinkStatus(serviceUrl: string, id: string, withdrawToken: string): Promise<ShareLinkStatus> {
  const response = await request(`${shareResourceUrl(serviceUrl, id)}/status`, { headers: { "x-withdraw-token": withdrawToken } });
  if (!response.ok) throw new Error(`${response.status} ${(await errorCode(response)) ?? ""}`.trim());
  return (await response.json()) as ShareLinkStatus;
}

/** Withdraws the link for good: the service deletes the ciphertext. */
export async function withdrawShareLink(serviceUrl: string, id: string, withdrawToken: string): Promise<ShareLinkStatus> {
  const response = await request(shareResourceUrl(serviceUrl, id), { method: "DELETE", headers: { "x-withdraw-token": withdrawToken } });
  if (!response.ok) throw new Error(`${response.status} ${(await errorCode(response)) ?? ""}`.trim());
  return (await response.json()) as ShareLinkStatus;
}
