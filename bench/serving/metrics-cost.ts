// bench:serving --compareMetrics 1: what the api's metrics cost. The same model served by two api processes
// on the same services, one with METRICS_ENABLED=true (the default: every request timed into the HTTP
// histogram, /metrics served) and one with METRICS_ENABLED=false; the list path of GET /recommend/:userId is
// loaded on each in turn, the order alternating per run so both see the same noise of a shared machine.
import { createSeededRandom } from '@recsys/synthetic-data';
import { runLoad, type LoadOptions, type LoadResult } from './http-load';
import { median, round } from './latency-stats';
import { reportBenchRun } from './report';
import { BENCH_API_KEY, type RunningApi } from './running-apps';
import { userIdOf } from './synthetic-model';

/** What the comparison needs of the bench options. */
export interface MetricsCostOptions {
  users: number;
  searchUsers: number;
  runs: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  seed: number;
}

type Measured = LoadResult & { metrics: 'on' | 'off'; apiCpuUsPerRequest: number | null };

/** Runs the interleaved loads; returns every run and the medians (ratio: on / off per run pair). */
export async function measureMetricsCost(
  apis: { on: RunningApi; off: RunningApi },
  options: MetricsCostOptions,
) {
  const random = createSeededRandom(options.seed + 2);
  const listUsers = options.users - options.searchUsers;
  const recommendPath = () => `/recommend/${userIdOf(options.searchUsers + Math.floor(random() * listUsers))}`; // prettier-ignore
  const load = (
    api: RunningApi,
    label: string,
    pathOf: () => string,
    seconds: number,
  ): LoadOptions => ({
    label,
    baseUrl: api.baseUrl,
    pathOf,
    apiKey: BENCH_API_KEY,
    connections: options.connections,
    durationSeconds: seconds,
  });
  for (const [name, api] of Object.entries(apis)) {
    // The state of a long-running api: every user's recent interactions read once (then kept).
    let nextUser = 0;
    const everyUser = () => `/recommend/${userIdOf(nextUser++ % options.users)}`;
    await runLoad({ ...load(api, `every user once (metrics ${name})`, everyUser, 3600), requests: options.users }); // prettier-ignore
    await runLoad(load(api, 'warm-up', recommendPath, options.warmupSeconds));
  }
  const runs: Measured[] = [];
  for (let run = 1; run <= options.runs; run++) {
    process.stderr.write(`metrics cost: run ${run}/${options.runs}...\n`);
    const order: ('on' | 'off')[] = run % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
    for (const metrics of order) {
      const api = apis[metrics];
      const before = api.process.cpuSeconds();
      const result = await runLoad(load(api, `recommend, metrics ${metrics}`, recommendPath, options.seconds)); // prettier-ignore
      const after = api.process.cpuSeconds();
      const apiCpuUsPerRequest =
        before === null || after === null || result.okRequests === 0
          ? null
          : round(((after - before) * 1e6) / result.okRequests, 1);
      runs.push({ ...result, metrics, apiCpuUsPerRequest });
    }
  }
  const on = runs.filter((r) => r.metrics === 'on');
  const off = runs.filter((r) => r.metrics === 'off');
  const cpu = (rs: Measured[]) =>
    rs.some((r) => r.apiCpuUsPerRequest === null) ? null : round(median(rs.map((r) => r.apiCpuUsPerRequest as number)), 1); // prettier-ignore
  return {
    runs,
    summary: {
      metricsOnReqPerSec: round(median(on.map((r) => r.reqPerSec)), 0),
      metricsOffReqPerSec: round(median(off.map((r) => r.reqPerSec)), 0),
      // Per run pair, then the median: a slow stretch lowers both sides of one ratio.
      metricsOnToOff: round(median(on.map((r, i) => r.reqPerSec / off[i].reqPerSec)), 3),
      metricsOnP99Ms: round(median(on.map((r) => r.p99Ms)), 3),
      metricsOffP99Ms: round(median(off.map((r) => r.p99Ms)), 3),
      metricsOnApiCpuUsPerRequest: cpu(on),
      metricsOffApiCpuUsPerRequest: cpu(off),
      errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    },
  };
}

/** Prints and stores the comparison (bench/results/serving-metrics-*.json). */
export function reportMetricsCost(
  options: MetricsCostOptions & { items: number; dim: number },
  measured: Awaited<ReturnType<typeof measureMetricsCost>>,
): void {
  reportBenchRun({
    bench: 'serving-metrics',
    title: `bench:serving --compareMetrics 1: ${options.items} items x ${options.dim} dims, ${options.users} users, ${options.connections} connections, ${options.runs} x ${options.seconds} s each, metrics on/off interleaved (medians below)`, // prettier-ignore
    columns: ['load', 'req/s', 'p50 ms', 'p99 ms', 'api CPU µs/req', 'errors', 'non-2xx'],
    rows: measured.runs.map((r) => [r.label, round(r.reqPerSec, 0), r.p50Ms, r.p99Ms, r.apiCpuUsPerRequest ?? '-', r.errors, r.non2xx]), // prettier-ignore
    summary: { items: options.items, users: options.users, connections: options.connections, ...measured.summary }, // prettier-ignore
    details: { options, runs: measured.runs },
  });
}
