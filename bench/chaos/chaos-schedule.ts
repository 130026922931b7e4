/** What the chaos does to the running system. */
export type ChaosAction =
  'kill-ingestor' | 'kill-api' | 'restart-kafka' | 'restart-postgres' | 'restart-redis';

/** When each action happens, as a share of the streaming time (the same plan every run). */
export const CHAOS_PLAN: readonly { atShare: number; action: ChaosAction }[] = [
  { atShare: 0.1, action: 'kill-ingestor' },
  { atShare: 0.2, action: 'kill-api' },
  { atShare: 0.3, action: 'restart-kafka' },
  { atShare: 0.45, action: 'kill-ingestor' },
  { atShare: 0.55, action: 'restart-postgres' },
  { atShare: 0.7, action: 'restart-redis' },
  { atShare: 0.8, action: 'kill-api' },
  { atShare: 0.85, action: 'kill-ingestor' },
];
