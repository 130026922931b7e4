export { closeOnSignals } from './close-on-signals';
export type { Closer } from './close-on-signals';
