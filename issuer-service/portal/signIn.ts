import { randomBytes } from "node:crypto";
import type * as OpenIdClient from "openid-client";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "../domain/hashSecret";
import { importEsm } from "../importEsm";
import type { OidcProvider } from "./oidcProvider";
import type { PortalProvider } from "./PortalConfig";
import { PortalError } from "./PortalError";

/** A sign-in must come back from the provider within this time. */
const LOGIN_TTL_MS = 10 * 60_000;
/** A provider that does not answer within this long counts as down. */
const PROVIDER_TIMEOUT_S = 10;

/** A provider as the sign-in reads it: the portal's with what it may release, or any other (which releases nothing asked for). */
type SignInProvider = OidcProvider & Partial<Pick<PortalProvider, "identityClaim" | "university" | "studentIdClaim">>;

/**
 * Whose sign-ins one SignIn runs: graduates' in the portal or organisations' reviewers in the inbox. A pending
 * sign-in finishes only in the realm it started in, even when both configure a provider with the same id.
 */
export type SignInRealm = "portal" | "inbox";

/** Who signed in: the provider's subject, the key of the account. */
export interface SignedIn {
  provider: string;
  subject: string;
}

/**
 * The identity-document number as the provider released it (held in memory only, to be hashed at once), or why
 * there is none: the provider is not configured to release one, or it withheld it (no consent, no number).
 */
export type ReleasedIdentity = { number: string } | "notAsked" | "withheld";

/** A university sign-on's student id with the university it is unique in, or why there is none (as for the number). */
export type ReleasedStudentId = { university: string; studentId: string } | "notAsked" | "withheld";

/** The claim `name` as a non-empty string, or why there is none: the provider is not configured for it, or withheld it. */
function releasedClaim(claims: Record<string, unknown>, name: string | undefined): { value: string } | "notAsked" | "withheld" {
  if (name === undefined) return "notAsked";
  const value = claims[name];
  return typeof value === "string" && value !== "" ? { value } : "withheld";
}

/**
 * The relying party of every configured provider, through openid-client (certified): authorization code flow with
 * PKCE (S256), `state` and `nonce` generated here, kept server-side for one use and checked on the way back.
 * Discovery is read at the first sign-in and kept; a failed discovery is not kept, so a provider that was down
 * works again as soon as it is back.
 */
export class SignIn {
  readonly #client = importEsm<typeof OpenIdClient>("openid-client");
  readonly #configurations = new Map<string, Promise<OpenIdClient.Configuration>>();

  constructor(
    private readonly db: Db,
    private readonly providers: readonly SignInProvider[],
    private readonly realm: SignInRealm,
  ) {}

  provider(id: string): SignInProvider {
    const provider = this.providers.find((candidate) => candidate.id === id);
    if (provider === undefined) throw new PortalError("PROVIDER_UNKNOWN");
    return provider;
  }

  async #configuration(provider: SignInProvider): Promise<OpenIdClient.Configuration> {
    const client = await this.#client;
    let configuration = this.#configurations.get(provider.id);
    if (configuration === undefined) {
      const issuer = new URL(provider.issuer);
      // Plain HTTP only to this machine (a provider beside the service); anywhere else it must be TLS.
      const loopback = issuer.hostname === "127.0.0.1" || issuer.hostname === "localhost" || issuer.hostname === "[::1]";
      configuration = client
        .discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
          timeout: PROVIDER_TIMEOUT_S,
          ...(loopback ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .then((found) => {
          found.timeout = PROVIDER_TIMEOUT_S;
          return found;
        });
      this.#configurations.set(provider.id, configuration);
      configuration.catch(() => this.#configurations.delete(provider.id));
    }
    try {
      return await configuration;
    } catch (error) {
      throw new PortalError("PROVIDER_UNAVAILABLE", { params: { provider: provider.label }, cause: error });
    }
  }

  /** Starts a sign-in: the provider's authorization URL and the token of the cookie that must come back with it. */
  async start(providerId: string, now = Date.now()): Promise<{ url: string; loginToken: string }> {
    const provider = this.provider(providerId);
    const configuration = await this.#configuration(provider);
    const client = await this.#client;
    const loginToken = randomBytes(32).toString("base64url");
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.db.deleteFrom("portal_logins").where("created_at_ms", "<", now - LOGIN_TTL_MS).execute();
    await this.db
      .insertInto("portal_logins")
      .values({ token_hash: hashSecret(loginToken), provider: provider.id, state, nonce, code_verifier: codeVerifier, created_at_ms: now, realm: this.realm })
      .execute();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: provider.redirectUri,
      scope: provider.scopes.join(" "),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    return { url: url.href, loginToken };
  }

  /**
   * Finishes the sign-in the provider sent the browser back from. The pending sign-in is deleted before anything is
   * checked, so a callback URL works once: a replayed one finds nothing.
   */
  async finish(
    providerId: string,
    callbackUrl: URL,
    loginToken: string | undefined,
    now = Date.now(),
  ): Promise<SignedIn & { identity: ReleasedIdentity; student: ReleasedStudentId }> {
    const provider = this.provider(providerId);
    if (loginToken === undefined) throw new PortalError("SIGN_IN_EXPIRED");
    const login = await this.db.deleteFrom("portal_logins").where("token_hash", "=", hashSecret(loginToken)).returningAll().executeTakeFirst();
    if (login === undefined || login.created_at_ms < now - LOGIN_TTL_MS) throw new PortalError("SIGN_IN_EXPIRED");
    if (login.realm !== this.realm || login.provider !== provider.id || callbackUrl.searchParams.get("state") !== login.state) throw new PortalError("SIGN_IN_TAMPERED");
    if (callbackUrl.searchParams.has("error")) throw new PortalError("PROVIDER_REFUSED", { params: { provider: provider.label } });
    const configuration = await this.#configuration(provider);
    const client = await this.#client;
    let tokens: Awaited<ReturnType<typeof OpenIdClient.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      // A provider that cannot be reached is down; anything it answered (a used code, a bad token) is a failed sign-in.
      const unreachable = error instanceof TypeError || (error instanceof Error && error.name === "TimeoutError");
      throw new PortalError(unreachable ? "PROVIDER_UNAVAILABLE" : "SIGN_IN_FAILED", { params: { provider: provider.label }, cause: error });
    }
    const claims = tokens.claims();
    if (claims === undefined) throw new PortalError("SIGN_IN_FAILED", { params: { provider: provider.label } });
    const number = releasedClaim(claims, provider.identityClaim);
    const identity: ReleasedIdentity = typeof number === "string" ? number : { number: number.value };
    let student: ReleasedStudentId = "notAsked";
    if (provider.university !== undefined) {
      const studentId = releasedClaim(claims, provider.studentIdClaim);
      student = typeof studentId === "string" ? studentId : { university: provider.university, studentId: studentId.value };
    }
    return { provider: provider.id, subject: claims.sub, identity, student };
  }
}
