import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { loadApiConfig, apiEnvSchema } from '../../api/src/config';
import { ingestorEnvSchema, loadIngestorConfig } from '../../ingestor/src/config';
import { loadTrainerConfig, trainerEnvSchema } from '../../trainer/src/config';

// docker-compose.yml and the Dockerfile cannot run here (no Docker engine): these tests check what can be
// checked without one, above all that every variable the stack sets is one the app reads.
const REPO_ROOT = join(__dirname, '..', '..', '..');
const COMPOSE_APPS: Record<string, { schema: z.ZodObject; load(env: Env): unknown }> = {
  api: { schema: apiEnvSchema, load: loadApiConfig },
  ingestor: { schema: ingestorEnvSchema, load: loadIngestorConfig },
  trainer: { schema: trainerEnvSchema, load: loadTrainerConfig },
};
const CONNECTION_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS'];

type Env = Record<string, string>;
interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
}

function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

// `merge` resolves the `<<: *recsys-app` keys, as Docker Compose does.
const compose = parse(readRepoFile('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** A service's environment as the container sees it: every value a string. */
function environmentOf(service: string): Env {
  const environment = services[service].environment ?? {};
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v)]));
}

/** The host names that a service's connection variables point at. */
function connectionHostsOf(service: string): string[] {
  const env = environmentOf(service);
  const urls = ['DATABASE_URL', 'REDIS_URL'].flatMap((name) =>
    env[name] === undefined ? [] : [new URL(env[name]).hostname],
  );
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').filter((broker) => broker !== '');
  return [...urls, ...brokers.map((broker) => broker.split(':')[0])];
}

describe('docker-compose.yml', () => {
  it('runs kafka, redis, postgres, api, ingestor, trainer, prometheus and grafana, each with a health check', () => {
    const names = [
      'kafka',
      'redis',
      'postgres',
      'api',
      'ingestor',
      'trainer',
      'prometheus',
      'grafana',
    ];
    expect(Object.keys(services).sort()).toEqual([...names].sort());
    const unchecked = names.filter((name) => {
      const check = services[name].healthcheck;
      return check === undefined || check.disable === true || (check.test ?? []).length === 0;
    });
    expect(unchecked).toEqual([]);
  });

  it('starts each service only once the services it depends on are healthy', () => {
    const waits = Object.values(services).flatMap((service) =>
      Object.entries(service.depends_on ?? {}).map(([name, dependency]) => ({
        name,
        condition: dependency.condition,
        checked: services[name]?.healthcheck !== undefined,
      })),
    );
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.filter((w) => w.condition !== 'service_healthy' || !w.checked)).toEqual([]);
  });

  it.each(Object.keys(COMPOSE_APPS))('sets on %s only variables its schema reads', (app) => {
    const shape = COMPOSE_APPS[app].schema.shape;
    expect(Object.keys(environmentOf(app)).filter((name) => !(name in shape))).toEqual([]);
  });

  it.each(Object.keys(COMPOSE_APPS))('sets on %s every connection variable it reads', (app) => {
    const shape = COMPOSE_APPS[app].schema.shape;
    const read = CONNECTION_VARIABLES.filter((name) => name in shape);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => environmentOf(app)[name] === undefined)).toEqual([]);
  });

  it.each(Object.keys(COMPOSE_APPS))('gives %s an environment its config loads', (app) => {
    expect(() => COMPOSE_APPS[app].load(environmentOf(app))).not.toThrow();
  });

  it.each(Object.keys(COMPOSE_APPS))('points %s at services it waits for', (app) => {
    const waitsFor = Object.keys(services[app].depends_on ?? {});
    expect(connectionHostsOf(app).filter((host) => !waitsFor.includes(host))).toEqual([]);
  });

  it('advertises the broker address the apps use on the internal Kafka listener', () => {
    const advertised = String(services.kafka.environment?.KAFKA_ADVERTISED_LISTENERS);
    const brokers = Object.keys(COMPOSE_APPS).flatMap((app) =>
      (environmentOf(app).KAFKA_BROKERS ?? '').split(',').filter((b) => b !== ''),
    );
    expect(brokers.length).toBeGreaterThan(0);
    expect(brokers.filter((broker) => !advertised.includes(`://${broker}`))).toEqual([]);
  });

  it('gives PostgreSQL the user, password and database of DATABASE_URL', () => {
    const postgres = environmentOf('postgres');
    const urls = Object.keys(COMPOSE_APPS).map((app) => environmentOf(app).DATABASE_URL);
    for (const url of urls.filter((u) => u !== undefined).map((u) => new URL(u))) {
      expect([url.username, url.password, url.pathname.slice(1)]).toEqual([
        postgres.POSTGRES_USER,
        postgres.POSTGRES_PASSWORD,
        postgres.POSTGRES_DB,
      ]);
    }
  });

  it('publishes the api on port 3000, the port it listens on', () => {
    expect(services.api.ports?.some((port) => port.endsWith('3000:3000'))).toBe(true);
    expect(environmentOf('api').PORT ?? '3000').toBe('3000');
  });

  it.each(Object.keys(COMPOSE_APPS))('runs the compiled main of %s', (app) => {
    const command = services[app].command ?? [];
    expect(command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(existsSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
  });
});

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function dockerInstructions(): string[] {
  return readRepoFile('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('Dockerfile', () => {
  const instructions = dockerInstructions();
  const runtime = instructions.slice(instructions.findLastIndex((i) => i.startsWith('FROM ')));

  it('runs the last stage as an unprivileged user', () => {
    const users = runtime.filter((i) => i.startsWith('USER ')).map((i) => i.slice(5).trim());
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('checks the health of the default command, the api, at /health/live', () => {
    expect(runtime.find((i) => i.startsWith('HEALTHCHECK '))).toContain('/health/live');
    expect(runtime.find((i) => i.startsWith('CMD '))).toContain('dist/apps/api/src/main.js');
  });

  it('copies every folder that tsconfig.build.json compiles into the build stage', () => {
    const build = JSON.parse(readRepoFile('tsconfig.build.json')) as { include: string[] };
    const copied = instructions.filter((i) => i.startsWith('COPY ') && !i.includes('--from'));
    const missing = build.include.filter((dir) => !copied.some((i) => i.split(' ').includes(dir)));
    expect(missing).toEqual([]);
  });
});
