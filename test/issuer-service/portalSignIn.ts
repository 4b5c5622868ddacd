/**
 * The sign-in test fixture: the local OpenID providers (the ones `npm start` runs) and a graduate (portal) or an
 * organisation's reviewer (inbox) signing in through them as a browser would, with supertest keeping the service's
 * cookies and a small cookie jar for the provider.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Express } from "express";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { startLocalIdentityProvider, type LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { ORGANISATION_SIGN_ON, UNIVERSITY_SIGN_ON } from "../../issuer-service/idp/PERSONAS";
import type { PortalConfig } from "../../issuer-service/portal/PortalConfig";
import type { InboxConfig } from "../../issuer-service/requests/InboxConfig";
import { waitForState } from "./harness";

const KIND_FIXTURES = join(__dirname, "..", "core", "fixtures", "kinds");

/**
 * A university's transcripts (core's fixture: HU2026001 and HU2026002) issued through the API as a registrar would,
 * with the grading scale and the sections holders may hide; returns the published batch's id.
 */
export async function issueTranscripts(app: Express, key: string, hideable: string): Promise<string> {
  const upload = await request(app)
    .post("/api/v1/batches?kind=transcript")
    .set("authorization", `Bearer ${key}`)
    .attach("file", readFileSync(join(KIND_FIXTURES, "transcripts.csv")), { filename: "courses.csv", contentType: "text/csv" })
    .attach("scale", readFileSync(join(KIND_FIXTURES, "grading-scale.json")), { filename: "scale.json", contentType: "application/json" })
    .field("hideable", hideable);
  expect(upload.status, JSON.stringify(upload.body)).to.equal(202);
  await waitForState(async () => (await request(app).get(`/api/v1/batches/${upload.body.id}`).set("authorization", `Bearer ${key}`)).body, ["published"]);
  return upload.body.id as string;
}

/** Where the portal runs for the provider's redirects; supertest tests never listen there. */
export const PORTAL_URL = "http://127.0.0.1:3999";
const CLIENT = { clientId: "credanchor-portal", clientSecret: "portal-test-secret" };
/** The portal's provider ids: the digital identity and the university's own sign-on. */
export type ProviderId = "local" | "harbour-sso";
const callback = (portalUrl: string, provider: ProviderId) => `${portalUrl}/my/callback/${provider}`;

/** The inbox's client at the local organisation sign-on, and its provider id in the inbox's configuration. */
const INBOX_CLIENT = { clientId: "credanchor-inbox", clientSecret: "inbox-test-secret" };
export const STAFF_SIGN_ON = "pacific-staff";
const inboxCallback = (portalUrl: string) => `${portalUrl}/inbox/callback/${STAFF_SIGN_ON}`;

/**
 * The local providers with the portal as their client, sending graduates back to the portal at `portalUrl`, and the
 * inbox as another, sending organisations' reviewers back to the inbox on the same service.
 */
export function startPortalProvider(portalUrl = PORTAL_URL): Promise<LocalIdentityProvider> {
  return startLocalIdentityProvider({
    port: 0,
    clients: [
      { ...CLIENT, redirectUris: [callback(portalUrl, "local"), callback(portalUrl, "harbour-sso")] },
      { ...INBOX_CLIENT, redirectUris: [inboxCallback(portalUrl)] },
    ],
  });
}

/** The inbox configured for the local organisation sign-on, as an operator would configure any provider (docs/REQUESTS.md). */
export function inboxConfig(idp: LocalIdentityProvider, extra: Partial<InboxConfig> = {}, portalUrl = PORTAL_URL): Partial<InboxConfig> {
  return {
    providers: [
      {
        id: STAFF_SIGN_ON,
        label: ORGANISATION_SIGN_ON.label,
        issuer: idp.organisationIssuer,
        clientId: INBOX_CLIENT.clientId,
        clientSecret: INBOX_CLIENT.clientSecret,
        redirectUri: inboxCallback(portalUrl),
        scopes: ["openid", "profile"],
      },
    ],
    ...extra,
  };
}

/** The portal configured for both local providers, as an operator would configure any provider (docs/PORTAL.md). */
export function portalConfig(idp: LocalIdentityProvider, extra: Partial<PortalConfig> = {}, portalUrl = PORTAL_URL): Partial<PortalConfig> {
  return {
    providers: [
      {
        id: "local",
        label: { en: "Local test provider", "zh-Hant": "本機測試身份" },
        issuer: idp.issuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUri: callback(portalUrl, "local"),
        scopes: ["openid", "profile", "identity"],
        identityClaim: "id_document_number",
      },
      {
        id: "harbour-sso",
        label: UNIVERSITY_SIGN_ON.label,
        issuer: idp.universityIssuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUri: callback(portalUrl, "harbour-sso"),
        scopes: ["openid", "profile", "student"],
        university: UNIVERSITY_SIGN_ON.university,
        studentIdClaim: "student_id",
      },
    ],
    identityHmacKey: "portal-test-identity-key-of-at-least-32-characters",
    verifierUrl: "http://127.0.0.1:8080/",
    ...extra,
  };
}

/**
 * Walks the provider's pages from the authorization URL as the graduate would (sign in as `login` with any password,
 * consent; or, with `cancel`, follow the provider's "[ Cancel ]" on its first page) and returns the URL the provider
 * sends the browser back to.
 */
export async function passProvider(authorizationUrl: string, login: string, options: { cancel?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(`${PORTAL_URL}/`)) return new URL(url);
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).href;
      continue;
    }
    const page = await response.text();
    if (options.cancel === true) {
      url = new URL(/<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(page)![1]!.replace(/&#x2F;|&#47;/g, "/"), url).href;
      continue;
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    expect(prompt, `provider page ${url}: ${page.slice(0, 300)}`).to.be.oneOf(["login", "consent"]);
    const body = new URLSearchParams(prompt === "login" ? { prompt: "login", login, password: "any" } : { prompt: "consent" });
    const posted = await send(new URL(action!, url).href, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("the provider never sent the browser back");
}

export interface Graduate {
  agent: TestAgent;
  csrf: string;
  /** Where the sign-in landed: the account page with what was matched at sign-in (`/my?student=1`). */
  landing: string;
}

/** The CSRF token of the signed-in page. */
export async function csrfOf(agent: TestAgent): Promise<string> {
  const page = await agent.get("/my");
  expect(page.status, page.text.slice(0, 300)).to.equal(200);
  return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
}

/** Signs `login` in on the portal through `provider`: start, pass the provider, come back; returns the graduate's browser. */
export async function signInAs(app: Express, login: string, provider: ProviderId = "local"): Promise<Graduate> {
  const agent = request.agent(app);
  const start = await agent.get(`/my/login/${provider}`);
  expect(start.status, start.text.slice(0, 300)).to.equal(303);
  const back = await passProvider(start.headers.location!, login);
  const done = await agent.get(`${back.pathname}${back.search}`);
  expect(done.status, done.text.slice(0, 500)).to.equal(303);
  expect(done.headers.location).to.match(/^\/my(\?|$)/);
  return { agent, csrf: await csrfOf(agent), landing: done.headers.location! };
}

/**
 * Starts `login`'s inbox sign-in on the organisation sign-on and passes the provider; returns the reviewer's browser
 * and the callback, which the caller follows (and checks: a registered reviewer is sent to /inbox/, anyone else refused).
 */
export async function startReviewerSignIn(app: Express, login: string): Promise<{ agent: TestAgent; authorization: URL; callback: URL }> {
  const agent = request.agent(app);
  const start = await agent.get(`/inbox/login/${STAFF_SIGN_ON}`);
  expect(start.status, start.text.slice(0, 300)).to.equal(303);
  const authorization = new URL(start.headers.location!);
  return { agent, authorization, callback: await passProvider(authorization.href, login) };
}

/** Signs a registered reviewer in to the inbox; returns the browser and the session's CSRF token. */
export async function signInReviewer(app: Express, login: string): Promise<{ agent: TestAgent; csrf: string }> {
  const { agent, callback } = await startReviewerSignIn(app, login);
  const done = await agent.get(`${callback.pathname}${callback.search}`);
  expect(done.status, done.text.slice(0, 500)).to.equal(303);
  expect(done.headers.location).to.equal("/inbox/");
  const session = await agent.get("/inbox/session");
  expect(session.status).to.equal(200);
  return { agent, csrf: session.body.csrfToken as string };
}
