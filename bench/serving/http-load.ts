import autocannon from 'autocannon';
import { percentile } from './latency-stats';

export interface LoadOptions {
  /** Names the run in tables. */
  label: string;
  baseUrl: string;
  /** Path of each request (called per request, e.g. to pick a random user). */
  pathOf: () => string;
  apiKey: string;
  connections: number;
  /** How long the load lasts unless stopped earlier. */
  durationSeconds: number;
  /** Stop after this many requests instead (autocannon `amount`). */
  requests?: number;
}

/** What one load run measured; latencies are of 2xx answers, as seen by the load generator. */
export interface LoadResult {
  label: string;
  seconds: number;
  okRequests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Every request that did not get a 2xx answer. */
  failed: number;
}

/** A load in progress: `stop()` ends it early; both resolve to the same result. */
export interface RunningLoad {
  stop(): Promise<LoadResult>;
  finished: Promise<LoadResult>;
}

// A request slower than this counts as failed (autocannon's default, kept explicit).
const REQUEST_TIMEOUT_SECONDS = 10;

/** Starts autocannon in this process against `pathOf()` paths of the api. */
export function startLoad(options: LoadOptions): RunningLoad {
  const latenciesMs: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        ...(options.requests ? { amount: options.requests } : {}),
        timeout: REQUEST_TIMEOUT_SECONDS,
        headers: { 'x-api-key': options.apiKey },
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: options.pathOf() }) }], // prettier-ignore
      },
      (error, result) => (error ? reject(error) : resolve(toLoadResult(options.label, result, latenciesMs))), // prettier-ignore
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(ms);
    });
  });
  return {
    finished,
    stop() {
      instance?.stop();
      return finished;
    },
  };
}

/** Runs a load for its full duration. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return startLoad(options).finished;
}

function toLoadResult(label: string, result: autocannon.Result, latenciesMs: number[]): LoadResult {
  const seconds = result.duration;
  return {
    label,
    seconds,
    okRequests: latenciesMs.length,
    reqPerSec: latenciesMs.length / seconds,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    maxMs: percentile(latenciesMs, 1),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    failed: result.errors + result.non2xx,
  };
}
