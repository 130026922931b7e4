import { intVar, stringVar } from './env-fields';

/** The small HTTP health and metrics endpoint of a process that serves no other HTTP (ingestor, trainer). */
export function healthEnv(defaultPort: number) {
  return {
    HEALTH_HOST: stringVar({
      default: '0.0.0.0',
      description: 'Interface of the health endpoint (GET /health/live, /health/ready, /metrics)',
    }),
    HEALTH_PORT: intVar({
      default: defaultPort,
      min: 0,
      max: 65535,
      description: 'Port of the health endpoint and of its Prometheus /metrics (0: none)',
    }),
  };
}
