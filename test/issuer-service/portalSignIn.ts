/**
 * The graduate portal's test fixture: the local OpenID provider (the one `npm start` runs) and a graduate signing in
 * through it as a browser would, with supertest keeping the portal's cookies and a small cookie jar for the provider.
 */
import { expect } from "chai";
import type { Express } from "express";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { startLocalIdentityProvider, type LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import type { PortalConfig } from "../../issuer-service/portal/PortalConfig";

export const REDIRECT_URI = "http://127.0.0.1:3999/my/callback/local";
const CLIENT = { clientId: "credanchor-portal", clientSecret: "portal-test-secret" };

/** The local provider with the portal as its client, sending graduates back to `redirectUri`. */
export function startPortalProvider(redirectUri = REDIRECT_URI): Promise<LocalIdentityProvider> {
  return startLocalIdentityProvider({ port: 0, clients: [{ ...CLIENT, redirectUris: [redirectUri] }] });
}

/** The portal configured for the local provider, as an operator would configure any provider. */
export function portalConfig(idp: LocalIdentityProvider, extra: Partial<PortalConfig> = {}, redirectUri = REDIRECT_URI): Partial<PortalConfig> {
  return {
    providers: [
      {
        id: "local",
        label: { en: "Local test provider", "zh-Hant": "本機測試身份" },
        issuer: idp.issuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUri,
        scopes: ["openid", "profile", "identity"],
        identityClaim: "id_document_number",
      },
    ],
    identityHmacKey: "portal-test-identity-key-of-at-least-32-characters",
    verifierUrl: "http://127.0.0.1:8080/",
    ...extra,
  };
}

/**
 * Walks the provider's pages from the authorization URL as the graduate would (sign in as `login` with any password,
 * consent) and returns the URL the provider sends the browser back to.
 */
export async function passProvider(authorizationUrl: string, login: string): Promise<URL> {
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
    if (url.startsWith(REDIRECT_URI)) return new URL(url);
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).href;
      continue;
    }
    const page = await response.text();
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
}

/** The CSRF token of the signed-in page. */
export async function csrfOf(agent: TestAgent): Promise<string> {
  const page = await agent.get("/my");
  expect(page.status, page.text.slice(0, 300)).to.equal(200);
  return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
}

/** Signs `login` in on the portal: start, pass the provider, come back; returns the graduate's browser. */
export async function signInAs(app: Express, login: string): Promise<Graduate> {
  const agent = request.agent(app);
  const start = await agent.get("/my/login/local");
  expect(start.status, start.text.slice(0, 300)).to.equal(303);
  const back = await passProvider(start.headers.location!, login);
  const done = await agent.get(`${back.pathname}${back.search}`);
  expect(done.status, done.text.slice(0, 500)).to.equal(303);
  expect(done.headers.location).to.match(/^\/my(\?|$)/);
  return { agent, csrf: await csrfOf(agent) };
}
