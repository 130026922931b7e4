// An api on in-memory ports for specs that drive it with `app.inject` (no socket, no service). Each port
// can be made to fail, to check how an outage or a driver error is answered.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  CatalogueItem,
  CatalogueItemInput,
  CatalogueStore,
  EventSink,
  JobQueue,
  TrainingJob,
} from '@recsys/domain';
import { InMemoryEmbeddingStore, InMemoryRealtimeStore } from '@recsys/embedded-adapters';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { StructuredLogs } from '@recsys/structured-logs';
import type { ApiSettings } from '../../api-settings';
import { createApiApp } from '../../create-api-app';

export const TEST_WRITE_KEY = 'spec-write-key';

/** What a port does when called: its normal work, or throw this error. */
export interface Faults {
  catalogue?: Error;
  jobs?: Error;
  events?: Error;
}

/** Catalogue kept in a Map, with tombstones, revision-numbered like the real stores. */
export class MapCatalogueStore implements CatalogueStore {
  readonly items = new Map<string, CatalogueItem>();
  private revision = 0;
  constructor(private readonly faults: Faults) {}

  upsert(input: CatalogueItemInput): Promise<CatalogueItem> {
    return this.write(() => ({ ...input, deleted: false }));
  }
  remove(itemId: string): Promise<CatalogueItem> {
    const known = this.items.get(itemId);
    if (known?.deleted) return Promise.resolve(known);
    return this.write(() => ({
      itemId,
      category: known?.category ?? null,
      available: known?.available ?? false,
      properties: known?.properties ?? {},
      deleted: true,
    }));
  }
  get(itemId: string): Promise<CatalogueItem | null> {
    return this.run(() => {
      const item = this.items.get(itemId);
      return item && !item.deleted ? item : null;
    });
  }
  changesSince(after: number, limit: number): Promise<CatalogueItem[]> {
    return this.run(() =>
      [...this.items.values()].filter((i) => i.revision > after).slice(0, limit),
    );
  }
  private write(make: () => CatalogueItemInput & { deleted: boolean }): Promise<CatalogueItem> {
    return this.run(() => {
      const item = { ...make(), revision: ++this.revision, updatedAt: new Date().toISOString() };
      this.items.delete(item.itemId);
      this.items.set(item.itemId, item);
      return item;
    });
  }
  private run<T>(work: () => T): Promise<T> {
    const fault = this.faults.catalogue;
    return fault === undefined ? Promise.resolve(work()) : Promise.reject(fault);
  }
}

/** Records published events unless `faults.events` is set. */
export class RecordingEventSink implements EventSink {
  readonly published: InteractionEventV1[] = [];
  constructor(private readonly faults: Faults) {}
  publish(events: readonly InteractionEventV1[]): Promise<void> {
    if (this.faults.events !== undefined) return Promise.reject(this.faults.events);
    this.published.push(...events);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function jobQueue(faults: Faults): JobQueue {
  const run = <T>(work: () => T): Promise<T> =>
    faults.jobs === undefined ? Promise.resolve(work()) : Promise.reject(faults.jobs);
  const unused = (): Promise<never> => Promise.reject(new Error('not used by these specs'));
  return {
    enqueue: (params) =>
      run((): TrainingJob => ({
        id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        status: 'queued',
        trigger: 'manual',
        params,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        metrics: null,
        modelVersion: null,
        error: null,
        progress: null,
      })),
    enqueueAutomatic: unused,
    get: () => run(() => null),
    list: () => run(() => ({ jobs: [], nextCursor: null })),
    claimNext: unused,
    heartbeat: unused,
    reportProgress: unused,
    complete: unused,
    fail: unused,
    cancel: unused,
  };
}

const SETTINGS: ApiSettings = {
  recommendDefaultLimit: 10,
  recommendMaxLimit: 100,
  recommendMaxOffset: 1000,
  modelPollIntervalMs: 60_000,
  catalogueRefreshMs: 60_000,
  popularRefreshMs: 60_000,
  realtimeWeight: 0.5,
  recentInteractionsPerRequest: 20,
  recentCache: { maxUsers: 0, ttlMs: 1000 },
  access: {
    readKeys: new Set(),
    writeKeys: new Set([TEST_WRITE_KEY]),
    keysRequired: true,
    ratePerSecond: 10_000,
    rateBurst: 10_000,
    authFailuresPerMinute: 10_000,
  },
  shortlists: { size: 0, maxUsers: 0, threadAbovePairs: 1e12 },
  index: { exactBelow: 20_000, algorithm: 'auto', hnswBelow: 120_000, buildThreads: 1 },
  catalogueMode: 'open',
};

/**
 * A ready api on in-memory ports; `faults` can be changed at any time. `beforeInit` sees the app before
 * Nest adds its routes (e.g. to add a Fastify `onRoute` hook).
 */
export async function startInMemoryApi(
  options: {
    bodyLimitBytes?: number;
    settings?: Partial<ApiSettings>;
    logs?: StructuredLogs;
    beforeInit?: (app: NestFastifyApplication) => void;
  } = {},
) {
  const faults: Faults = {};
  const catalogueStore = new MapCatalogueStore(faults);
  const eventSink = new RecordingEventSink(faults);
  const embeddingStore = new InMemoryEmbeddingStore();
  const realtimeStore = new InMemoryRealtimeStore();
  const settings = { ...SETTINGS, ...options.settings };
  const app: NestFastifyApplication = await createApiApp({
    ports: {
      eventSink,
      jobQueue: jobQueue(faults),
      embeddingStore,
      realtimeStore,
      catalogueStore,
      rateLimitStore: { kind: 'memory', maxCounters: 1000 },
      readinessChecks: [],
      clock: () => new Date(),
      recentEvents: { countReceivedSince: () => Promise.resolve(0) },
      streamStats: {
        deadLetterCount: () => Promise.resolve(0),
        consumerLag: () => Promise.resolve([]),
        close: () => Promise.resolve(),
      },
    },
    settings,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    logs: options.logs,
  });
  if (!options.logs) app.useLogger(false);
  options.beforeInit?.(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    faults,
    catalogueStore,
    eventSink,
    embeddingStore,
    realtimeStore,
    settings,
    async close() {
      await app.close();
      await realtimeStore.close();
    },
  };
}
