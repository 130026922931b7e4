import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a health route answers: 200 when healthy, 503 otherwise, with the body as JSON. */
export interface HealthReport {
  healthy: boolean;
  body: Record<string, unknown>;
}

/** A text page (e.g. Prometheus metrics): its content type and body. */
export interface TextPage {
  contentType: string;
  body: string;
}

/** A small HTTP server for the processes that serve no other HTTP (ingestor, trainer). */
export interface HealthServer {
  /** The port it listens on (useful when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves GET routes that report health (e.g. `/health/live`, `/health/ready`) on its own port, for
 * orchestrator probes. Unknown paths answer 404; a report that throws answers 503 with the message.
 */
export async function startHealthServer(options: {
  port: number;
  host: string;
  routes: Readonly<Record<string, () => HealthReport | Promise<HealthReport>>>;
  /** GET routes that answer 200 with a text page (500 with the message if it throws). */
  pages?: Readonly<Record<string, () => Promise<TextPage>>>;
}): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = request.method === 'GET' ? options.routes[path] : undefined;
    const page = request.method === 'GET' ? options.pages?.[path] : undefined;
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (page) {
      return void page().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'content-type': contentType });
          response.end(body);
        },
        (error: unknown) => answer(500, { error: { code: 'INTERNAL', message: String(error) } }),
      );
    }
    if (!route) return answer(404, { error: { code: 'NOT_FOUND', message: `no route ${path}` } });
    Promise.resolve()
      .then(route)
      .then(
        (report) => answer(report.healthy ? 200 : 503, report.body),
        (error: unknown) => answer(503, { status: 'failing', error: String(error) }),
      );
  });
  // Probes are short requests: do not let an idle keep-alive socket delay shutdown.
  server.keepAliveTimeout = 1000;
  await listen(server, options.port, options.host);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The usual pair of routes on `port` (0: none): `/health/live` (the process answers) and `/health/ready`
 * (the given report); with `metrics`, also `/metrics` (e.g. Prometheus text), so one port serves a
 * process's probes and its scrape. A port already in use is logged and skipped rather than fatal: several processes on
 * one host (tests, a laptop) share the default, and doing the work matters more than the probe, which
 * reports the problem anyway by not connecting.
 */
export async function startProbeServer(options: {
  host: string;
  port: number;
  ready: () => HealthReport | Promise<HealthReport>;
  metrics?: () => Promise<TextPage>;
  log: (line: string) => void;
}): Promise<HealthServer | null> {
  if (options.port === 0) return null;
  try {
    const server = await startHealthServer({
      host: options.host,
      port: options.port,
      routes: {
        '/health/live': () => ({ healthy: true, body: { status: 'ok' } }),
        '/health/ready': options.ready,
      },
      pages: options.metrics ? { '/metrics': options.metrics } : {},
    });
    options.log(`health on http://${options.host}:${server.port}/health/ready`);
    return server;
  } catch (error) {
    options.log(`no health endpoint on port ${options.port}: ${String(error)}`);
    return null;
  }
}

/** A metrics registry as the probe server reads it (prom-client's Registry has this shape). */
export interface MetricsRegistry {
  contentType: string;
  metrics(): Promise<string>;
}

/** The `/metrics` page of a registry: what the ingestor and the trainer hand their ProbeEndpoint. */
export function metricsPageOf(registry: MetricsRegistry): () => Promise<TextPage> {
  return async () => ({ contentType: registry.contentType, body: await registry.metrics() });
}

/**
 * The probe server as a piece of an app's lifecycle: it listens once the app has started and closes with it.
 * A plain class: Nest calls its hooks by name when it is provided (the ingestor and the trainer do).
 */
export class ProbeEndpoint {
  private server: HealthServer | null = null;

  constructor(private readonly options: Parameters<typeof startProbeServer>[0]) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startProbeServer(this.options);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
