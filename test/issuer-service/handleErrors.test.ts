import { expect } from "chai";
import express from "express";
import request from "supertest";
import { ChainError } from "@credanchor/core/protocol";
import { ConflictError, GoneError, NotFoundError } from "../../issuer-service/errors";
import { handleErrors } from "../../issuer-service/http/handleErrors";
import { openApiDocument } from "../../issuer-service/http/openApiDocument";
import type { Log } from "../../issuer-service/ServiceContext";

/** An app whose only route throws `error`, behind the service's one error handler. */
function throwing(error: unknown, log: Log = () => {}) {
  const app = express();
  app.get("/", () => {
    throw error;
  });
  app.use(handleErrors(log));
  return app;
}

describe("issuer service: handleErrors", () => {
  it("answers an unknown error with a bilingual 500 that does not leak its message, and logs it", async () => {
    const logged: unknown[] = [];
    const response = await request(throwing(new Error("secret database path /var/lib/x"), (entry) => logged.push(entry))).get("/");
    expect(response.status).to.equal(500);
    expect(response.body.error.code).to.equal("INTERNAL");
    expect(response.body.error.message.en).to.be.a("string").and.not.contain("secret");
    expect(response.body.error.message["zh-Hant"]).to.match(/\p{Script=Han}/u).and.not.contain("secret");
    expect(JSON.stringify(logged)).to.contain("secret database path");
  });

  it("maps a typed error to its class's status with the catalogue's text in both languages", async () => {
    const gone = await request(throwing(new GoneError("SHARE_EXPIRED"))).get("/");
    expect(gone.status).to.equal(410);
    expect(gone.body.error).to.deep.equal({ code: "SHARE_EXPIRED", message: { en: "This share link has expired.", "zh-Hant": "此分享連結已過期。" } });

    const missing = await request(throwing(new NotFoundError("batch"))).get("/");
    expect(missing.status).to.equal(404);
    expect(missing.body.error.message).to.deep.equal({ en: "The batch was not found.", "zh-Hant": "找不到批次。" });

    const conflict = await request(throwing(ConflictError.batchNotPublished("signed"))).get("/");
    expect(conflict.status).to.equal(409);
    expect(conflict.body.error.message["zh-Hant"]).to.contain("已簽署").and.not.contain("signed");
  });

  it("answers a chain that cannot be reached with 503 CHAIN_UNREACHABLE", async () => {
    const response = await request(throwing(new ChainError("Chain read failed", { code: "CHAIN_UNREACHABLE" }))).get("/");
    expect(response.status).to.equal(503);
    expect(response.body.error.code).to.equal("CHAIN_UNREACHABLE");
  });

  it("answers an unknown route with a bilingual 404", async () => {
    const app = express();
    app.use((_req, _res, next) => next(new NotFoundError("route")));
    app.use(handleErrors(() => {}));
    const response = await request(app).get("/nowhere");
    expect(response.status).to.equal(404);
    expect(response.body.error.message["zh-Hant"]).to.equal("找不到資源。");
  });

  it("lists every error code in the OpenAPI document", () => {
    const codes = (openApiDocument.components.schemas.Error.properties.error.properties.code as { enum: string[] }).enum;
    expect(codes).to.include.members(["INTERNAL", "NOT_FOUND", "SHARE_EXPIRED", "INVALID_ROWS", "CHAIN_UNREACHABLE", "PAYLOAD_TOO_LARGE"]);
  });
});
