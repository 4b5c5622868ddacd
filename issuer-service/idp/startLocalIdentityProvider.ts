import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { importEsm } from "../importEsm";
import { ORGANISATION_SIGN_ON, PERSONAS, UNIVERSITY_SIGN_ON, type Persona } from "./PERSONAS";

/** A relying party the local provider knows; the portal is configured with the same values. */
export interface LocalClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface LocalIdentityProvider {
  /** The digital identity's issuer identifier (also its base URL). */
  issuer: string;
  /** The university sign-on's issuer identifier: the same server under UNIVERSITY_SIGN_ON.path. */
  universityIssuer: string;
  /** The organisation's staff sign-on's issuer identifier: the same server under ORGANISATION_SIGN_ON.path. */
  organisationIssuer: string;
  close(): Promise<void>;
}

/** The slice of oidc-provider's (untyped) API used here. */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type OidcProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;

/** One provider of the local server: its issuer (with the path it is mounted at), accounts, scopes and claims. */
interface ProviderSetup {
  issuer: string;
  personas: readonly Persona[];
  scopes: string[];
  claims: Record<string, string[]>;
  /** Each provider keeps its sign-in in its own cookies: both live on one host and port. */
  cookiePrefix: string;
}

function configure(Provider: OidcProviderClass, setup: ProviderSetup, clients: readonly LocalClient[]): OidcProvider {
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return new Provider(setup.issuer, {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks: { keys: [{ ...signingKey, use: "sig", alg: "RS256" }] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      names: { session: `${setup.cookiePrefix}_session`, interaction: `${setup.cookiePrefix}_interaction`, resume: `${setup.cookiePrefix}_interaction_resume` },
    },
    pkce: { required: () => true },
    // Short lives, as a sign-in is done in minutes; the service keeps its own session after that.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    scopes: setup.scopes,
    claims: setup.claims,
    // Claims go in the ID token too, as iAM Smart's and most university sign-ons' do.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const persona = setup.personas.find((candidate) => candidate.login === id);
      if (persona === undefined) return undefined;
      return {
        accountId: persona.login,
        claims: () => ({
          sub: persona.login,
          name: persona.name,
          ...(persona.idDocumentNumber === undefined ? {} : { id_document_number: persona.idDocumentNumber }),
          ...(persona.studentId === undefined ? {} : { student_id: persona.studentId }),
        }),
      };
    },
  });
}

/**
 * The OpenID providers `npm start` and the tests run on IDP_PORT: oidc-provider (a certified implementation) with
 * its development sign-in pages and PKCE required. At the root, the territory's digital identity with the personas
 * of PERSONAS; under UNIVERSITY_SIGN_ON.path, a university's own sign-on (an issuer of its own) releasing its
 * students' student ids; under ORGANISATION_SIGN_ON.path, a verifying organisation's staff sign-on for the inbox. The
 * service is configured for each like for any other provider; nothing in it knows they are test providers.
 */
export async function startLocalIdentityProvider(options: { port: number; host?: string; clients: readonly LocalClient[] }): Promise<LocalIdentityProvider> {
  const { default: Provider } = await importEsm<{ default: OidcProviderClass }>("oidc-provider");
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const issuer = `http://${host}:${port}`;
  const identity = configure(
    Provider,
    { issuer, personas: PERSONAS, scopes: ["openid", "profile", "identity"], claims: { openid: ["sub"], profile: ["name"], identity: ["id_document_number"] }, cookiePrefix: "_id" },
    options.clients,
  ).callback();
  const universityIssuer = `${issuer}${UNIVERSITY_SIGN_ON.path}`;
  const organisationIssuer = `${issuer}${ORGANISATION_SIGN_ON.path}`;
  // Each mounted as express would mount it: oidc-provider reads its mount path from originalUrl.
  const mounted = [
    {
      path: UNIVERSITY_SIGN_ON.path,
      handle: configure(
        Provider,
        {
          issuer: universityIssuer,
          personas: UNIVERSITY_SIGN_ON.personas,
          scopes: ["openid", "profile", "student"],
          claims: { openid: ["sub"], profile: ["name"], student: ["student_id"] },
          cookiePrefix: "_sso",
        },
        options.clients,
      ).callback(),
    },
    {
      path: ORGANISATION_SIGN_ON.path,
      handle: configure(
        Provider,
        { issuer: organisationIssuer, personas: ORGANISATION_SIGN_ON.personas, scopes: ["openid", "profile"], claims: { openid: ["sub"], profile: ["name"] }, cookiePrefix: "_staff" },
        options.clients,
      ).callback(),
    },
  ];
  server.on("request", (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const url = req.url ?? "/";
    const mount = mounted.find(({ path }) => url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`));
    if (mount === undefined) return identity(req, res);
    req.originalUrl = url;
    req.url = url.slice(mount.path.length) || "/";
    mount.handle(req, res);
  });
  return {
    issuer,
    universityIssuer,
    organisationIssuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
