// The quality gate in a running stack (real Kafka, PostgreSQL, Redis): a candidate is compared with the
// serving model on the same recent likes; a worse one is stored as rejected with both figures, the serving
// model stays, and a person can still activate it.
import type { ModelMetadata, TrainingJob } from '@recsys/domain';
import type { InteractionEventV1 } from '@recsys/interaction-events';
import type { Recommendations } from '@recsys/recommendations';
import {
  startRunningStack,
  waitForServedVersion,
  type RunningStack,
} from './support/running-stack';
import { plantedTasteHistory } from './support/storefront-data';

jest.setTimeout(300_000);

type ModelList = {
  current: string | null;
  serving: string | null;
  versions: (ModelMetadata & { rejected: string | null })[];
};

const EARLIER_LIKES_PER_USER = 8;

/** Each user's first likes, then everything after them (their latest likes, impressions, dislikes). */
function earlierAndLater(events: readonly InteractionEventV1[]) {
  const seen = new Map<string, number>();
  const earlier: InteractionEventV1[] = [];
  const later: InteractionEventV1[] = [];
  for (const event of events) {
    const n = seen.get(event.userId) ?? 0;
    const isLike = !['impression', 'dislike'].includes(event.type);
    if (isLike && n < EARLIER_LIKES_PER_USER) {
      seen.set(event.userId, n + 1);
      earlier.push(event);
    } else later.push(event);
  }
  return { earlier, later };
}

describe('model gate', () => {
  const history = plantedTasteHistory(61);
  const { earlier, later } = earlierAndLater(history.events);
  let running: RunningStack;
  let first: TrainingJob;
  let worse: TrainingJob;

  beforeAll(async () => {
    running = await startRunningStack('e2e_gate', {
      all: { MODEL_POLL_INTERVAL_MS: '500', TRAIN_HOLDOUT_RATIO: '0.25' },
    });
    await running.ingest(earlier);
    first = await running.train({});
    await running.ingest(later);
    // One epoch at a tiny learning rate: vectors barely moved from their random start.
    worse = await running.train({ epochs: 1, learningRate: 0.0001 });
  });

  afterAll(async () => {
    await running?.stop();
  });

  const models = async () => (await running.api.get<ModelList>('/models')).body;

  it('makes the first model current through the absolute floor', async () => {
    expect(first.status).toBe('succeeded');
    await waitForServedVersion(running, first.modelVersion!);
    const listed = (await models()).versions.find((v) => v.version === first.modelVersion);
    expect(listed?.rejected).toBeNull();
  });

  it('rejects the worse candidate on the newest likes and keeps serving the current model', async () => {
    expect(worse.status).toBe('succeeded');
    expect(worse.metrics!['gateServingRecall@10']).toBeGreaterThan(
      worse.metrics!['gateCandidateRecall@10'] + 0.02,
    );
    const list = await models();
    expect(list.current).toBe(first.modelVersion);
    expect(list.versions.map((v) => v.version)).toEqual([worse.modelVersion, first.modelVersion]);
    expect(list.versions[0].rejected).toMatch(
      /^recall@10 below the serving model's: candidate 0\.\d{4}, serving 0\.\d{4}, tolerance 0\.02 \+ sampling noise 0\.\d{4}, on \d+ held-out likes new to the serving model$/,
    );
    expect(list.versions[0].metrics['recall@10']).toBeGreaterThanOrEqual(0);
    const answer = await running.api.get<Recommendations>('/recommend/user-1');
    expect(answer.status).toBe(200);
    expect(answer.body.modelVersion).toBe(first.modelVersion);
  });

  it('activates the rejected version by hand, and the next good candidate replaces it', async () => {
    const activated = await running.api.post<{ current: string }>(
      `/models/${worse.modelVersion}/activate`,
      {},
    );
    expect(activated.status).toBe(200);
    expect(activated.body.current).toBe(worse.modelVersion);
    await waitForServedVersion(running, worse.modelVersion!);
    const good = await running.train({});
    expect(good.status).toBe('succeeded');
    expect((await models()).versions[0]).toMatchObject({ version: good.modelVersion, rejected: null }); // prettier-ignore
    await waitForServedVersion(running, good.modelVersion!);
  });
});
