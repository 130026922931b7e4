import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { EventSource, RealtimeBacklog } from '@recsys/domain';
import { ApiMetrics } from '../../api/src/observability/api-metrics';
import { IngestorMetrics } from '../../ingestor/src/metrics/ingestor-metrics';
import { TrainerMetrics } from '../../trainer/src/metrics/trainer-metrics';

// The Prometheus and Grafana files of docker-compose cannot run here (no Docker engine, no Grafana): these
// tests check that the dashboard asks only for metrics the three apps export, and that Prometheus scrapes
// the ports the apps serve /metrics on.
const REPO_ROOT = join(__dirname, '..', '..', '..');
const readYaml = <T>(path: string) => parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}
const dashboard = JSON.parse(
  readFileSync(join(REPO_ROOT, 'deploy/grafana/dashboards/recsys-overview.json'), 'utf8'),
) as { uid: string; panels: Panel[] };
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
const queries = panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ panel, ...t })));

/** Every series name the apps' registries expose, histogram and summary suffixes included. */
async function exportedNames(): Promise<Set<string>> {
  const eventSource: EventSource = {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    status: () => ({ consuming: true, failingSinceMs: null }),
  };
  const realtimeBacklog = { size: () => Promise.resolve(0) } as unknown as RealtimeBacklog;
  const registries = [
    new ApiMetrics().registry,
    new IngestorMetrics({ eventSource, realtimeBacklog }).registry,
    new TrainerMetrics().registry,
  ];
  const names = new Set<string>();
  for (const registry of registries) {
    for (const { name, type } of await registry.getMetricsAsJSON()) {
      const kind = String(type);
      const suffixes =
        kind === 'histogram' ? ['_bucket', '_sum', '_count'] : kind === 'summary' ? ['', '_sum', '_count'] : ['']; // prettier-ignore
      for (const suffix of suffixes) names.add(`${name}${suffix}`);
    }
  }
  return names;
}

describe('deploy/grafana dashboard', () => {
  it('queries only metrics that the api, ingestor or trainer export', async () => {
    const exported = await exportedNames();
    const used = queries.flatMap((q) =>
      [...q.expr.matchAll(/\brecsys_[a-z0-9_]+/g)].map((m) => m[0]),
    );
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used.filter((name) => !exported.has(name)))]).toEqual([]);
  });

  it('shows each area of the apps: http, answers, cache, model, ingestion, dead letters, lag, training', () => {
    const all = queries.map((q) => q.expr).join('\n');
    for (const family of [
      'recsys_http_request_duration_seconds_bucket',
      'recsys_recommend_answers_total',
      'recsys_recent_cache_requests_total',
      'recsys_model_age_seconds',
      'recsys_model_swaps_total',
      'recsys_index_build_seconds',
      'recsys_ingest_events_total',
      'recsys_ingest_dead_letters_total',
      'recsys_ingest_consumer_lag_messages',
      'recsys_ingest_realtime_backlog_events',
      'recsys_training_jobs_total',
      'recsys_training_last_heldout',
      'recsys_training_last_final_loss',
      'recsys_training_publish_seconds',
    ]) {
      expect(all).toContain(family);
    }
  });

  it('reads the provisioned Prometheus data source in every query', () => {
    const { datasources } = readYaml<{ datasources: { uid: string; url: string }[] }>(
      'deploy/grafana/provisioning/datasources/prometheus.yml',
    );
    expect(datasources.map((d) => d.url)).toEqual(['http://prometheus:9090']);
    const uids = new Set(queries.map((q) => q.datasource?.uid ?? q.panel.datasource?.uid));
    expect([...uids]).toEqual([datasources[0].uid]);
  });
});

describe('deploy/prometheus and docker-compose.yml', () => {
  const compose = readYaml<{
    services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
  }>('docker-compose.yml');
  const { scrape_configs: jobs } = readYaml<{
    scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[]; // prettier-ignore
  }>('deploy/prometheus/prometheus.yml');

  it('scrapes /metrics of the api on its port and of the ingestor and trainer on their health ports', () => {
    const portOf = { api: 'PORT', ingestor: 'HEALTH_PORT', trainer: 'HEALTH_PORT' } as const;
    const expected = Object.entries(portOf).map(([app, variable]) => ({
      job: app,
      path: '/metrics',
      targets: [`${app}:${compose.services[app].environment?.[variable]}`],
    }));
    const actual = jobs.map((job) => ({
      job: job.job_name,
      path: job.metrics_path ?? '/metrics',
      targets: job.static_configs.flatMap((c) => c.targets),
    }));
    expect(actual).toEqual(expected);
  });

  it('mounts the files that Prometheus and Grafana are configured to read', () => {
    const mounts = (service: string) =>
      (compose.services[service].volumes ?? []).map((v) => v.split(':').slice(0, 2).join(':'));
    expect(mounts('prometheus')).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml'); // prettier-ignore
    const { providers } = readYaml<{ providers: { options: { path: string } }[] }>(
      'deploy/grafana/provisioning/dashboards/recsys.yml',
    );
    expect(mounts('grafana')).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning',
        `./deploy/grafana/dashboards:${providers[0].options.path}`,
      ]),
    );
  });
});
