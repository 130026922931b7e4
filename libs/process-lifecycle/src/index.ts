export { closeOnSignals } from './close-on-signals';
export type { Closer } from './close-on-signals';
export { startHealthServer, startProbeServer } from './health-server';
export type { HealthReport, HealthServer } from './health-server';
