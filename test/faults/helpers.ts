import { expect } from "chai";
import { readFileSync } from "node:fs";
import { JsonRpcProvider } from "ethers";
import request from "supertest";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { Deployment } from "../../core/src/Deployment";
import { verifyCredential } from "../../core/src/verifyCredential";
import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { BatchRow, BatchState } from "../../issuer-service/db/schema";
import { InjectedCrash } from "../../issuer-service/errors";
import type { ServiceContext } from "../../issuer-service/ServiceContext";
import { anchoredEvents, downloadZip, graduatesCsv, startService, waitForState, type Chain, type Service } from "../issuer-service/harness";

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** Services a suite started (`start`, as startService) so that `stopAll` (in afterEach) stops those still running. */
export function serviceTracker(): { running: Service[]; start: typeof startService; stopAll(): Promise<void> } {
  const running: Service[] = [];
  return {
    running,
    async start(...args) {
      const service = await startService(...args);
      running.push(service);
      return service;
    },
    async stopAll() {
      for (const service of running.splice(0)) await service.stop();
    },
  };
}

export async function upload(service: Service, prefix: string, count = 3): Promise<string> {
  const response = await request(service.app).post("/api/v1/batches").set(auth(service.keys.harbour)).set("content-type", "text/csv").send(graduatesCsv(prefix, count));
  expect(response.status, JSON.stringify(response.body)).to.equal(202);
  return response.body.id as string;
}

export function batchRow(service: Service, id: string): Promise<BatchRow> {
  return service.ctx.db.selectFrom("batches").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
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
 * The batch is on chain exactly once under its issuer (another issuer may have anchored the same root in its own
 * namespace), and every credential file the service released for it verifies VALID against the real chain through
 * the real chain reader.
 */
export async function expectAnchoredOnceAndVerifiable(chain: Chain, service: Service, id: string): Promise<void> {
  const row = await batchRow(service, id);
  expect(row.state).to.equal("published");
  const issuer = await createChainReader(chain.provider, Deployment.parse(JSON.parse(readFileSync(chain.deploymentPath, "utf8")))).signingKey(row.signer!);
  expect(await anchoredEvents(chain, row.root!, issuer!.issuerId)).to.equal(1);
  const files = await downloadZip(service.app, service.keys.harbour, id);
  const credentials = Object.entries(files).filter(([name]) => !name.startsWith("batch-"));
  expect(credentials.length).to.equal(row.count);
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

/** Whether `node` is an UPDATE of the batches table that sets `state` to `state`. */
function setsBatchState(node: RootOperationNode, state: BatchState): boolean {
  if (node.kind !== "UpdateQueryNode") return false;
  const table = JSON.stringify(node.table ?? {});
  if (!table.includes('"name":"batches"')) return false;
  return (node.updates ?? []).some((update) => {
    const column = JSON.stringify(update.column as OperationNode);
    const value = update.value as OperationNode & { value?: unknown };
    return column.includes('"name":"state"') && value.kind === "ValueNode" && value.value === state;
  });
}

/**
 * In-process kill: the first time the worker is about to move a batch to `state`, it throws InjectedCrash, which the
 * worker treats as the process dying at that point (nothing after it runs; an open transaction rolls back, exactly
 * as it would on SIGKILL). A Kysely plugin sees every query before it is compiled, on either engine.
 */
export function killBefore(ctx: ServiceContext, state: BatchState): () => boolean {
  let fired = false;
  const plugin: KyselyPlugin = {
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (!fired && setsBatchState(node, state)) {
        fired = true;
        throw new InjectedCrash(`killed before the batch became ${state}`);
      }
      return node;
    },
    transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(result);
    },
  };
  ctx.db = ctx.db.withPlugin(plugin);
  return () => fired;
}

export async function rpc<T = unknown>(chain: Chain, method: string, params: unknown[] = []): Promise<T> {
  return (await chain.provider.send(method, params)) as T;
}
