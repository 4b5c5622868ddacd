import { expect } from "chai";
import { readFileSync } from "node:fs";
import { JsonRpcProvider } from "ethers";
import request from "supertest";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { Deployment } from "../../core/src/Deployment";
import { verifyCredential } from "../../core/src/verifyCredential";
import type { BatchRow } from "../../issuer-service/domain/BatchView";
import { InjectedCrash } from "../../issuer-service/errors";
import type { ServiceContext } from "../../issuer-service/ServiceContext";
import { anchoredEvents, downloadZip, graduatesCsv, waitForChainTime, waitForState, type Chain, type Service } from "../issuer-service/harness";

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

export async function upload(service: Service, prefix: string, count = 3): Promise<string> {
  const response = await request(service.app).post("/api/v1/batches").set(auth(service.keys.harbour)).set("content-type", "text/csv").send(graduatesCsv(prefix, count));
  expect(response.status, JSON.stringify(response.body)).to.equal(202);
  return response.body.id as string;
}

export function batchRow(service: Service, id: string): BatchRow {
  return service.ctx.db.prepare("SELECT * FROM batches WHERE id = ?").get(id) as BatchRow;
}

export async function waitForPublished(service: Service, id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const done = await waitForState(
    async () => (await request(service.app).get(`/api/v1/batches/${id}`).set(auth(service.keys.harbour))).body,
    ["published", "failed"],
    timeoutMs,
  );
  expect(done.state, JSON.stringify(done)).to.equal("published");
  return done;
}

/** Polls `condition` (a DB or chain read) until it holds. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The batch is on chain exactly once, and every credential file the service released for it verifies VALID against
 * the real chain through the real chain reader.
 */
export async function expectAnchoredOnceAndVerifiable(chain: Chain, service: Service, id: string): Promise<void> {
  const row = batchRow(service, id);
  expect(row.state).to.equal("published");
  expect(await anchoredEvents(chain, row.root!)).to.equal(1);
  const files = await downloadZip(service.app, service.keys.harbour, id);
  const credentials = Object.entries(files).filter(([name]) => !name.startsWith("batch-"));
  expect(credentials.length).to.equal(row.count);
  await waitForChainTime(chain);
  const deployment = Deployment.parse(JSON.parse(readFileSync(chain.deploymentPath, "utf8")));
  const provider = new JsonRpcProvider(chain.chain.url, undefined, { staticNetwork: true });
  try {
    const reader = createChainReader(provider, deployment);
    for (const [name, bytes] of credentials) {
      const report = await verifyCredential(new TextDecoder().decode(bytes), { reader, deployment });
      expect(report.status, `${name}: ${JSON.stringify(report.checks.filter((c) => c.status !== "VALID"))}`).to.equal("VALID");
    }
  } finally {
    provider.destroy();
  }
}

/**
 * In-process kill: the first time the worker prepares a statement containing `sql`, it throws InjectedCrash, which
 * the worker treats as the process dying at that point (nothing after it runs; an open SQLite transaction rolls
 * back, exactly as it would on SIGKILL).
 */
export function killBefore(ctx: ServiceContext, sql: string): () => boolean {
  const prepare = ctx.db.prepare.bind(ctx.db);
  let fired = false;
  (ctx.db as { prepare: typeof prepare }).prepare = ((source: string) => {
    if (!fired && source.includes(sql)) {
      fired = true;
      throw new InjectedCrash(`killed before: ${sql}`);
    }
    return prepare(source);
  }) as typeof prepare;
  return () => fired;
}

export async function rpc<T = unknown>(chain: Chain, method: string, params: unknown[] = []): Promise<T> {
  return (await chain.provider.send(method, params)) as T;
}
