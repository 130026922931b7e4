export { closeOnSignals } from './close-on-signals';
export type { Closer } from './close-on-signals';
export { metricsPageOf, ProbeEndpoint, startHealthServer, startProbeServer } from './health-server';
export type { HealthReport, HealthServer, MetricsRegistry, TextPage } from './health-server';
