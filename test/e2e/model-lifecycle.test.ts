// Model versions in a running api: listing, rollback and forward, hot swaps under concurrent requests,
// and serving from memory while Redis is down — on real Kafka, PostgreSQL and a Redis of the test's own.
import type { ModelMetadata } from '@recsys/domain';
import type { Recommendations } from '@recsys/recommendations';
import { DedicatedRedis } from './support/dedicated-redis';
import { freePort } from './support/free-port';
import { requestJson } from './support/http-client';
import {
  startRunningStack,
  waitForServedVersion,
  type RunningStack,
} from './support/running-stack';
import { plantedTasteHistory } from './support/storefront-data';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

type ModelList = {
  current: string | null;
  serving: string | null;
  shortlists: { computed: number; users: number } | null;
  versions: ModelMetadata[];
};

describe('model lifecycle', () => {
  const history = plantedTasteHistory(51);
  let redis: DedicatedRedis;
  let running: RunningStack;
  const versions: string[] = [];

  beforeAll(async () => {
    redis = new DedicatedRedis(await freePort());
    await redis.start();
    running = await startRunningStack('e2e_models', {
      all: { REDIS_URL: redis.url, MODEL_POLL_INTERVAL_MS: '500' },
    });
    await running.ingest(history.events);
    for (const seed of [1, 2]) {
      const job = await running.train({ seed });
      expect(job.status).toBe('succeeded');
      versions.push(job.modelVersion!);
    }
    await waitForServedVersion(running, versions[1]);
  });

  afterAll(async () => {
    await running?.stop();
    await redis?.stop();
  });

  it('lists versions newest first with their metrics and the current one', async () => {
    const list = (await running.api.get<ModelList>('/models')).body;
    expect(list.current).toBe(versions[1]);
    expect(list.versions.map((v) => v.version)).toEqual([versions[1], versions[0]]);
    expect(list.versions[0].metrics['recall@10']).toBeGreaterThan(0);
    expect(list.versions[0].itemCount).toBe(history.items.length);
  });

  it("computes every user's list for the serving model", async () => {
    let list: ModelList | undefined;
    await waitFor(
      async () => {
        list = (await running.api.get<ModelList>('/models')).body;
        return list.shortlists !== null && list.shortlists.computed === list.shortlists.users;
      },
      { timeoutMs: 60_000, what: 'the per-user lists' },
    );
    expect(list?.shortlists?.users).toBe(list?.versions[0].userCount);
    expect(list?.shortlists?.users).toBeGreaterThan(0);
  });

  it('rolls back and forward without a failed request under concurrent load', async () => {
    const statuses = new Map<number, number>();
    const served = new Set<string>();
    let loading = true;
    const load = async (worker: number) => {
      for (let n = 0; loading; n++) {
        const answer = await running.api.get<Recommendations>(
          `/recommend/user-${((worker * 7 + n) % 40) + 1}`,
        );
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 200) served.add(answer.body.modelVersion!);
      }
    };
    const workers = [0, 1, 2, 3].map(load);
    const rollback = await running.api.post<{ current: string; serving: string }>(
      `/models/${versions[0]}/activate`,
      {},
    );
    expect(rollback.body).toEqual({ current: versions[0], serving: versions[0] });
    await waitForServedVersion(running, versions[0]);
    const forward = await running.api.post(`/models/${versions[1]}/activate`, {});
    expect(forward.status).toBe(200);
    await waitForServedVersion(running, versions[1]);
    loading = false;
    await Promise.all(workers);
    expect([...statuses.keys()]).toEqual([200]);
    expect(served).toEqual(new Set(versions));
  });

  it('answers 404 for activating an unknown version', async () => {
    const answer = await running.api.post<{ error: string }>(
      '/models/no-such-version/activate',
      {},
    );
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('MODEL_NOT_FOUND');
  });

  it('keeps serving from memory while Redis is down and picks up new models when it returns', async () => {
    await redis.stop();
    for (let i = 0; i < 20; i++) {
      const answer = await running.api.get<Recommendations>(`/recommend/user-${i + 1}`);
      expect(answer.status).toBe(200);
      expect(answer.body.modelVersion).toBe(versions[1]);
    }
    const ready = await requestJson<{ dependencies: Record<string, string> }>(
      `${running.baseUrl}/health/ready`,
    );
    expect(ready.status).toBe(200);
    expect(ready.body.dependencies.redis).toMatch(/^failing/);

    await redis.start();
    const job = await running.train({ seed: 3 });
    expect(job.status).toBe('succeeded');
    await waitFor(
      async () =>
        (await running.api.get<Recommendations>('/recommend/user-1')).body.modelVersion ===
        job.modelVersion,
      {
        timeoutMs: 60_000,
        what: 'the api to serve the model published after Redis returned',
        onTimeout: () => running.apps.api.logs,
      },
    );
  });
});
