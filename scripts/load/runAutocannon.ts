import autocannon from "autocannon";

/** What a load phase reports: counts, throughput over the whole phase, latency percentiles in milliseconds. */
export interface PhaseResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers other than 2xx, by status. */
  non2xx: number;
  statuses: Record<string, number>;
}

export interface PhaseSpec {
  title: string;
  /** Every instance's base URL: autocannon spreads its connections over them in turn. */
  urls: string[];
  connections: number;
  /** A fixed number of requests, or a duration in seconds. */
  bound: { amount: number } | { seconds: number };
  timeoutSeconds: number;
  requests: autocannon.Request[];
  progress(line: string): void;
}

/** Runs one autocannon phase with a progress line per second on `progress`, and summarises it. */
export async function runAutocannon(spec: PhaseSpec): Promise<PhaseResult> {
  let answered = 0;
  // autocannon's own duration ends on its next one-second tick; the phase ends with its last answer.
  const started = Date.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolveResult, reject) => {
    const instance = autocannon(
      {
        // autocannon accepts several URLs (its typings say one).
        url: spec.urls as unknown as string,
        connections: spec.connections,
        timeout: spec.timeoutSeconds,
        requests: spec.requests,
        ...("amount" in spec.bound ? { amount: spec.bound.amount } : { duration: spec.bound.seconds }),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolveResult(done)),
    );
    instance.on("response", () => {
      answered += 1;
      lastAnswer = Date.now();
    });
    instance.on("tick", () => spec.progress(`${spec.title}: ${answered} answered`));
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]));
  const seconds = Math.max(lastAnswer - started, 1) / 1000;
  return {
    requests: result.requests.total,
    seconds: Number(seconds.toFixed(2)),
    requestsPerSecond: Number((result.requests.total / seconds).toFixed(1)),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    non2xx: result.non2xx,
    statuses,
  };
}
