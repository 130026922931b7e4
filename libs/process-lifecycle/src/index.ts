export { closeOnSignals } from './close-on-signals';
export type { Closer } from './close-on-signals';
export { ProbeEndpoint, startHealthServer, startProbeServer } from './health-server';
export type { HealthReport, HealthServer, TextPage } from './health-server';
