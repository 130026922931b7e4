import type {
  CatalogueStore,
  EmbeddingStore,
  EventLog,
  EventSink,
  JobQueue,
  TrainingJob,
} from '@recsys/domain';
import { generateTasteClusters } from '@recsys/synthetic-data';

export interface DemoSeederOptions {
  eventSink: EventSink;
  eventLog: EventLog;
  jobQueue: JobQueue;
  embeddingStore: EmbeddingStore;
  /** Filled with the demo's items, so CATALOGUE_MODE=strict recommends them. */
  catalogueStore: CatalogueStore;
  seedDemoData: boolean;
  demo: { seed: number; usersPerCluster: number; itemsPerCluster: number };
  clock: () => Date;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
}

const PUBLISH_BATCH = 500;
const WAIT_STEP_MS = 100;
const INGEST_TIMEOUT_MS = 120_000;

/**
 * First start of the embedded service: lists the demo's items in the catalogue (category = taste cluster),
 * seeds the demo history through the same event channel a storefront uses, waits until it is in the event
 * log, then trains. Later starts with events but no model
 * (the embedded model store lives in memory) just train again.
 */
export class DemoSeeder {
  constructor(private readonly options: DemoSeederOptions) {}

  /** Seeds (if needed) and trains (if needed); resolves with the finished job, or null if none was needed. */
  async prepare(): Promise<TrainingJob | null> {
    const { eventLog, embeddingStore, jobQueue, log } = this.options;
    if ((await eventLog.count()) === 0 && this.options.seedDemoData) await this.seed();
    if ((await embeddingStore.currentVersion()) !== null || (await eventLog.count()) === 0)
      return null;
    const job = await jobQueue.enqueue({});
    log(`training job ${job.id} queued`);
    return this.waitForJob(job.id);
  }

  private async seed(): Promise<void> {
    const { demo, eventSink, eventLog, log } = this.options;
    const data = generateTasteClusters({
      seed: demo.seed,
      clusterCount: 6,
      itemsPerCluster: demo.itemsPerCluster,
      usersPerCluster: demo.usersPerCluster,
      positivesPerUser: 15,
      noiseRate: 0.05,
      impressionsPerUser: 3,
      shownPerImpression: 5,
      dislikesPerUser: 2,
      start: new Date(this.options.clock().getTime() - 7 * 24 * 3600 * 1000),
      eventIdPrefix: 'demo-',
    });
    log(
      `seeding demo data: ${data.items.length} items, ${data.users.length} users, ${data.events.length} events`,
    );
    for (const item of data.items) {
      const category = data.clusterNames[item.cluster];
      await this.options.catalogueStore.upsert({ itemId: item.itemId, category, available: true, properties: {} }); // prettier-ignore
    }
    for (let i = 0; i < data.events.length; i += PUBLISH_BATCH) {
      await eventSink.publish(data.events.slice(i, i + PUBLISH_BATCH));
    }
    await this.waitUntil(
      async () => (await eventLog.count()) >= data.events.length,
      INGEST_TIMEOUT_MS,
      'demo events to be ingested',
    );
  }

  private async waitForJob(id: string): Promise<TrainingJob> {
    let job: TrainingJob | null = null;
    await this.waitUntil(
      async () => {
        job = await this.options.jobQueue.get(id);
        // A demo job cancelled through the api ends the wait too.
        return job !== null && job.status !== 'queued' && job.status !== 'running';
      },
      Infinity,
      `training job ${id}`,
    );
    return job!;
  }

  private async waitUntil(
    done: () => Promise<boolean>,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    for (let waitedMs = 0; !(await done()); waitedMs += WAIT_STEP_MS) {
      if (waitedMs > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await this.options.sleep(WAIT_STEP_MS);
    }
  }
}
