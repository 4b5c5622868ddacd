import { parseArgs } from "node:util";
import { InputValidationError } from "@credanchor/core/protocol";

export const ENGINES = ["sqlite", "postgres"] as const;
export type Engine = (typeof ENGINES)[number];

export interface LoadOptions {
  engines: Engine[];
  /** Service instances per scenario, e.g. [1, 2]: every engine runs once with each count. */
  instances: number[];
  batches: number;
  rows: number;
  universities: number;
  readSeconds: number;
  readConnections: number;
  /** Upper bound for every batch of a scenario to be published after its upload. */
  publishTimeoutSeconds: number;
}

export const LOAD_HELP = `npm run load -- [options]

Load on the issuer service, on loopback only, bounded in count and time (issue 13). For each engine and instance
count: starts that many service processes on one fresh database, uploads BATCHES CSVs of ROWS rows from
UNIVERSITIES universities at once, waits until every batch is published, then reads credentials and batch status
for READ_SECONDS each. One Hardhat chain serves every scenario; PostgreSQL is a throwaway cluster.
Prints one JSON document on stdout (throughput, p50/p99 latency, errors per scenario); progress goes to stderr.

Options:
  --engines LIST              sqlite,postgres (default: both)
  --instances LIST            service instances per scenario (default: 1,2)
  --batches N                 uploads per scenario (default: 50)
  --rows N                    graduates per upload (default: 2000)
  --universities N            universities uploading at once, 1-8 (default: 8)
  --read-seconds N            length of each read phase (default: 10)
  --read-connections N        concurrent connections of the read phases (default: 16)
  --publish-timeout-seconds N give up waiting for publication after this long (default: 900)
  --help                      this text
`;

function positive(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputValidationError(`--${name} must be a whole number from 1 to ${max}`, { code: "INPUT_INVALID" });
  }
  return value;
}

function list<T>(name: string, text: string | undefined, parse: (item: string) => T): T[] | undefined {
  return text === undefined ? undefined : [...new Set(text.split(",").map((item) => item.trim()).filter((item) => item !== "").map(parse))];
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    options: {
      engines: { type: "string" },
      instances: { type: "string" },
      batches: { type: "string" },
      rows: { type: "string" },
      universities: { type: "string" },
      "read-seconds": { type: "string" },
      "read-connections": { type: "string" },
      "publish-timeout-seconds": { type: "string" },
      help: { type: "boolean" },
    },
  });
}

/** The load run's options from its command line; `help` when --help was asked for. */
export function parseLoadOptions(args: string[]): LoadOptions | "help" {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(args).values;
  } catch (cause) {
    // Node's own message names the unknown option or the missing value.
    throw new InputValidationError(`${cause instanceof Error ? cause.message : String(cause)} (see --help)`, { code: "INPUT_INVALID", cause });
  }
  if (values.help === true) return "help";
  const engines = list("engines", values.engines, (item) => {
    if (!(ENGINES as readonly string[]).includes(item)) {
      throw new InputValidationError(`--engines takes ${ENGINES.join(", ")}, not ${item}`, { code: "INPUT_INVALID" });
    }
    return item as Engine;
  });
  return {
    engines: engines ?? [...ENGINES],
    instances: list("instances", values.instances, (item) => positive("instances", item, 1, 8)) ?? [1, 2],
    batches: positive("batches", values.batches, 50, 10_000),
    rows: positive("rows", values.rows, 2000, 50_000),
    universities: positive("universities", values.universities, 8, 8),
    readSeconds: positive("read-seconds", values["read-seconds"], 10, 600),
    readConnections: positive("read-connections", values["read-connections"], 16, 256),
    publishTimeoutSeconds: positive("publish-timeout-seconds", values["publish-timeout-seconds"], 900, 3600),
  };
}
