import type { TrainingJob } from '@recsys/domain';
import { openPostgresStorage, type PostgresStorage } from '@recsys/postgres-adapters';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { apiClient, TEST_KEYS } from './http-client';
import { createIsolatedStack, type IsolatedStack } from './isolated-stack';
import { waitFor } from './wait-for';

/** The three distributed apps running on one isolated slice of the real services. */
export interface RunningStack {
  stack: IsolatedStack;
  api: ReturnType<typeof apiClient>;
  baseUrl: string;
  apps: { api: AppProcess; ingestor: AppProcess; trainer: AppProcess };
  storage: PostgresStorage;
  /** Produces events to Kafka as a storefront would and waits until they are in the event log. */
  ingest(events: readonly InteractionEventV1[]): Promise<void>;
  /** Runs a training job over HTTP and waits for it to finish. */
  train(params?: Record<string, unknown>): Promise<TrainingJob>;
  stop(): Promise<void>;
}

/** Starts api, ingestor and trainer (compiled) with their own database, key prefix and topics. */
export async function startRunningStack(
  name: string,
  env: { api?: Record<string, string>; all?: Record<string, string> } = {},
): Promise<RunningStack> {
  const stack = await createIsolatedStack(name);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const common = { ...stack.env, TRAIN_EPOCHS: '20', TRAIN_DIM: '32', ...env.all };
  const apps = {
    api: AppProcess.start('api', {
      ...common,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_READ_KEYS: TEST_KEYS.read,
      API_WRITE_KEYS: TEST_KEYS.write,
      ...env.api,
    }),
    ingestor: AppProcess.start('ingestor', common),
    trainer: AppProcess.start('trainer', common),
  };
  await apps.api.waitForLog(/listening on/, 60_000);
  await apps.ingestor.waitForLog(/consuming interaction events/, 60_000);
  await apps.trainer.waitForLog(/polling for training jobs/, 60_000);
  const storage = await openPostgresStorage({ kind: 'postgres', url: stack.database.url });
  const api = apiClient(baseUrl);
  return {
    stack,
    api,
    baseUrl,
    apps,
    storage,
    async ingest(events) {
      const producer = stack.kafka.producer();
      await producer.connect();
      await producer.send({
        topic: stack.topic,
        acks: -1,
        messages: events.map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
      });
      await producer.disconnect();
      const ids = events.map((e) => e.eventId);
      await waitFor(async () => (await storage.eventLog.countByEventIds(ids)) === ids.length, {
        timeoutMs: 60_000,
        what: 'the events in the event log',
        onTimeout: () => apps.ingestor.logs,
      });
    },
    async train(params = {}) {
      const created = await api.post<TrainingJob>('/training-jobs', params);
      if (created.status !== 201)
        throw new Error(`training job not created: ${JSON.stringify(created.body)}`);
      let job = created.body;
      await waitFor(
        async () => {
          job = (await api.get<TrainingJob>(`/training-jobs/${created.body.id}`)).body;
          return job.status !== 'queued' && job.status !== 'running';
        },
        { timeoutMs: 180_000, what: 'the training job', onTimeout: () => apps.trainer.logs },
      );
      return job;
    },
    async stop() {
      await Promise.all(Object.values(apps).map((app) => app.stop()));
      await storage.close();
      await stack.cleanup();
    },
  };
}

/** Waits until the api serves `version` (it loads new versions in the background). */
export async function waitForServedVersion(running: RunningStack, version: string): Promise<void> {
  await waitFor(
    async () =>
      (await running.api.get<{ serving: string | null }>('/models')).body.serving === version,
    {
      timeoutMs: 60_000,
      what: `the api to serve ${version}`,
      onTimeout: () => running.apps.api.logs,
    },
  );
}
