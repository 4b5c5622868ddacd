/**
 * Every route × every role × own / other university, against the one permission table (http/permissions.ts): a
 * role the table does not list is 403 before anything is read; a permitted key reaches the route (never 403), and
 * another university's objects are 404. Bodies are deliberately invalid (or dry runs), so no request changes state.
 */
import { expect } from "chai";
import request from "supertest";
import { createApiKey, type Role } from "../../issuer-service/domain/apiKeys";
import { isPermitted, PERMISSIONS, type Permission } from "../../issuer-service/http/permissions";
import { describeEachEngine, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service, type UniversityId } from "./harness";

/** The key roles tried: each role alone, and registrar with revoker (what a correction needs). */
const KEY_ROLES: Role[][] = [["admin"], ["registrar"], ["revoker"], ["auditor"], ["registrar", "revoker"]];

interface Target {
  batch: string;
  credential: string;
  apiKey: string;
}

interface RouteCall {
  method: "get" | "post";
  path: (target: Target) => string;
  body?: unknown;
  contentType?: string;
  /** Routes that list the caller's own objects have no other university's object to ask for. */
  scoped?: false;
}

/** One call per permission: the route it guards, with a body that stops right after the permission check. */
const CALLS: Record<Permission, RouteCall> = {
  "me.read": { method: "get", path: () => "/me", scoped: false },
  "batch.list": { method: "get", path: () => "/batches", scoped: false },
  "batch.read": { method: "get", path: (t) => `/batches/${t.batch}` },
  "batch.create": { method: "post", path: () => "/batches?dryRun=true", contentType: "text/csv", body: graduatesCsv("PRM", 1), scoped: false },
  "batch.correct": { method: "post", path: () => "/batches?mode=correction&dryRun=true", contentType: "text/csv", body: graduatesCsv("PRM", 1), scoped: false },
  "batch.import": { method: "post", path: () => "/batches/import", body: {}, scoped: false },
  "batch.download": { method: "get", path: (t) => `/batches/${t.batch}/credentials` },
  "batch.identities": { method: "post", path: (t) => `/batches/${t.batch}/identities`, contentType: "text/csv", body: "no header\n" },
  "batch.revoke": { method: "post", path: (t) => `/batches/${t.batch}/revoke`, body: {} },
  "credential.list": { method: "get", path: () => "/credentials", scoped: false },
  "credential.read": { method: "get", path: (t) => `/credentials/${t.credential}` },
  "credential.revoke": { method: "post", path: (t) => `/credentials/${t.credential}/revoke`, body: {} },
  "credential.reissue": { method: "post", path: (t) => `/credentials/${t.credential}/reissue`, body: { unknownField: 1 } },
  "credential.reissueAfterRevocation": { method: "post", path: (t) => `/credentials/${t.credential}/reissue-after-revocation`, body: {} },
  "apiKey.list": { method: "get", path: () => "/api-keys", scoped: false },
  "apiKey.create": { method: "post", path: () => "/api-keys", body: {}, scoped: false },
  "apiKey.revoke": { method: "post", path: (t) => `/api-keys/${t.apiKey}/revoke` },
  "signingKey.rotate": { method: "post", path: () => "/keys/rotate", body: { unexpected: true }, scoped: false },
  "audit.read": { method: "get", path: () => "/audit?format=json", scoped: false },
};

describeEachEngine("issuer service: every route × every role × own and other university", function () {
  this.timeout(240_000);
  let chain: Chain;
  let service: Service;
  const targets = {} as Record<UniversityId, Target>;
  const keys = {} as Record<UniversityId, Map<string, string>>;

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "permissions");
    for (const university of ["harbour", "lionrock"] as const) {
      const batch = await issueCsv(service.app, service.keys[university], graduatesCsv(`P${university.slice(0, 2).toUpperCase()}`, 1));
      const listed = await request(service.app).get(`/api/v1/credentials?batch=${batch.id}`).set("authorization", `Bearer ${service.keys[university]}`).expect(200);
      const spare = await createApiKey(service.ctx.db, university, ["auditor"], "a key to be named in revoke calls");
      targets[university] = { batch: batch.id, credential: listed.body.items[0].id as string, apiKey: spare.info.id };
      keys[university] = new Map();
      for (const roles of KEY_ROLES) keys[university].set(roles.join("+"), (await createApiKey(service.ctx.db, university, roles, roles.join("+"))).key);
    }
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  it("the test covers every permission of the table", () => {
    expect(Object.keys(CALLS).sort()).to.deep.equal(Object.keys(PERMISSIONS).sort());
  });

  for (const [permission, call] of Object.entries(CALLS) as [Permission, RouteCall][]) {
    for (const roles of KEY_ROLES) {
      const allowed = isPermitted(roles, permission);
      it(`${permission} (${call.method.toUpperCase()} ${call.path({ batch: ":batch", credential: ":credential", apiKey: ":key" })}) with ${roles.join("+")}: ${allowed ? "allowed" : "403"}`, async () => {
        const send = (target: Target) => {
          const pending = request(service.app)[call.method](`/api/v1${call.path(target)}`).set("authorization", `Bearer ${keys.harbour.get(roles.join("+"))}`);
          if (call.contentType !== undefined) pending.set("content-type", call.contentType);
          return call.body === undefined ? pending : pending.send(call.body as string | object);
        };
        const own = await send(targets.harbour);
        if (!allowed) {
          expect(own.status, JSON.stringify(own.body)).to.equal(403);
          expect(own.body.error.code).to.equal("FORBIDDEN");
          return;
        }
        expect(own.status, JSON.stringify(own.body)).to.not.be.oneOf([401, 403, 404]);
        if (call.scoped === false) return;
        const other = await send(targets.lionrock);
        expect(other.status, JSON.stringify(other.body)).to.be.oneOf([400, 404]);
        if (other.status === 400) expect(call.body, "only a body refused before the lookup may hide the 404").to.not.equal(undefined);
      });
    }
  }
});
