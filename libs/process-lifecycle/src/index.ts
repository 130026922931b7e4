export { closeOnSignals } from './close-on-signals';
export type { Closer } from './close-on-signals';
export { startHealthServer } from './health-server';
export type { HealthReport, HealthServer } from './health-server';
