import { createServer, type Server } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { importEsm } from "../importEsm";
import { PERSONAS } from "./PERSONAS";

/** A relying party the local provider knows; the portal is configured with the same values. */
export interface LocalClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface LocalIdentityProvider {
  /** The issuer identifier (also the base URL). */
  issuer: string;
  close(): Promise<void>;
}

/** The slice of oidc-provider's (untyped) API used here. */
interface OidcProvider {
  callback(): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
}
type OidcProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;

/**
 * The OpenID provider `npm start` and the tests run on IDP_PORT: oidc-provider (a certified implementation) with
 * its development sign-in pages, PKCE required, and the test personas of PERSONAS.ts as its only accounts. The portal
 * is configured for it like for any other provider; nothing in the portal knows it is a test provider.
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
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks: { keys: [{ ...signingKey, use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    // Short lives, as a sign-in is done in minutes; the service keeps its own session after that.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    scopes: ["openid", "profile", "identity"],
    claims: { openid: ["sub"], profile: ["name"], identity: ["id_document_number"] },
    // Claims go in the ID token too, as iAM Smart's and most university sign-ons' do.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const persona = PERSONAS.find((candidate) => candidate.login === id);
      if (persona === undefined) return undefined;
      return {
        accountId: persona.login,
        claims: () => ({
          sub: persona.login,
          name: persona.name,
          ...(persona.idDocumentNumber === undefined ? {} : { id_document_number: persona.idDocumentNumber }),
        }),
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
