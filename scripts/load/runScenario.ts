import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { ConfigInput } from "../../issuer-service/config";
import type { SeedUniversity } from "../../issuer-service/server";
import { awaitPublished, type Publication } from "./awaitPublished";
import type { Engine, LoadOptions } from "./parseLoadOptions";
import { readTargets, type ReadTarget } from "./readTargets";
import { runAutocannon, type PhaseResult } from "./runAutocannon";
import { startInstance, type RunningInstance } from "./startInstance";
import { uploadBatches } from "./uploadBatches";

export interface ScenarioResult {
  engine: Engine;
  instances: number;
  /** The machine's 1-minute load average as the scenario began: other work on it slows every figure. */
  loadAverage: number;
  upload: PhaseResult & { accepted: number; rowsPerSecond: number };
  /** From the first upload until every batch was published (built, signed, anchored, confirmed) by the workers. */
  publication: Publication & { seconds: number };
  readCredential: PhaseResult;
  readStatus: PhaseResult;
}

export interface ScenarioSpec {
  engine: Engine;
  instances: number;
  options: LoadOptions;
  /** The database settings of the engine (a SQLite file, or a fresh PostgreSQL database). */
  database: Pick<ConfigInput, "databasePath" | "databaseUrl">;
  rpcUrl: string;
  deploymentPath: string;
  universities: SeedUniversity[];
  /** The scenario's own folder: signing keys, content store, instance logs. */
  dir: string;
  progress(line: string): void;
}

/** Load generators and instances must not throttle each other: the run measures the service, not its rate limits. */
const NO_RATE_LIMIT = 1_000_000_000;

/** Reads `targets` (in turn, from every connection) for the read phase's duration. */
function readPhase(title: string, urls: string[], targets: ReadTarget[], spec: ScenarioSpec): Promise<PhaseResult> {
  let next = 0;
  return runAutocannon({
    title,
    urls,
    connections: spec.options.readConnections,
    bound: { seconds: spec.options.readSeconds },
    timeoutSeconds: 30,
    progress: spec.progress,
    requests: [
      {
        setupRequest: (request) => {
          const target = targets[next++ % targets.length] as ReadTarget;
          return { ...request, method: "GET", path: target.path, headers: { authorization: `Bearer ${target.apiKey}` } };
        },
      },
    ],
  });
}

/**
 * One scenario: `instances` service processes on one fresh database, each with its own anchoring worker (the
 * database decides which one anchors), then uploads, publication and the two read phases.
 */
export async function runScenario(spec: ScenarioSpec): Promise<ScenarioResult> {
  mkdirSync(spec.dir, { recursive: true });
  const config: ConfigInput = {
    ...spec.database,
    port: 0,
    host: "127.0.0.1",
    rpcUrl: spec.rpcUrl,
    deploymentPath: spec.deploymentPath,
    keyDir: join(spec.dir, "keys"),
    contentDir: join(spec.dir, "content"),
    rateLimitPerIp: NO_RATE_LIMIT,
    rateLimitPerKey: NO_RATE_LIMIT,
  };
  const instances: RunningInstance[] = [];
  try {
    for (let index = 0; index < spec.instances; index++) {
      spec.progress(`starting instance ${index + 1}/${spec.instances}`);
      // The first instance installs the signing keys and makes the API keys; the others share both.
      const seeding = index === 0 ? { universities: spec.universities, apiKeysFile: join(spec.dir, "api-keys.json") } : {};
      instances.push(await startInstance({ config, ...seeding }, join(spec.dir, `instance-${index + 1}.log`)));
    }
    const urls = instances.map((instance) => instance.url);
    const apiKeys = (instances[0] as RunningInstance).apiKeys;
    const uploaders = spec.universities.map((university) => ({ universityId: university.id, apiKey: apiKeys[university.id] as string }));
    const loadAverage = Number((loadavg()[0] as number).toFixed(2));

    const started = Date.now();
    const { phase, accepted } = await uploadBatches({ urls, uploaders, batches: spec.options.batches, rows: spec.options.rows, progress: spec.progress });
    const publication = await awaitPublished({ url: urls[0] as string, batches: accepted, timeoutSeconds: spec.options.publishTimeoutSeconds, progress: spec.progress });
    const publishedSeconds = Number(((Date.now() - started) / 1000).toFixed(1));

    const targets = await readTargets(urls[0] as string, accepted);
    const readCredential = await readPhase("read credentials", urls, targets.credentials, spec);
    const readStatus = await readPhase("read batch status", urls, targets.statuses, spec);
    return {
      engine: spec.engine,
      instances: spec.instances,
      loadAverage,
      upload: { ...phase, accepted: accepted.length, rowsPerSecond: Math.round((accepted.length * spec.options.rows) / phase.seconds) },
      publication: { ...publication, seconds: publishedSeconds },
      readCredential,
      readStatus,
    };
  } finally {
    for (const instance of instances) await instance.stop();
  }
}
