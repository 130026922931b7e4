// Before the first model is published the api answers the popular items of the realtime store
// (`source: "popular"`) instead of 503, for users, sessions and similar items alike.
import type { ClassifiedEvent } from '@recsys/domain';
import type { Recommendations } from '@recsys/recommendations';
import { startInMemoryApi, TEST_WRITE_KEY } from '../http/testing/in-memory-api';
import { PopularityCache } from './popularity-cache.service';

type Api = Awaited<ReturnType<typeof startInMemoryApi>>;

/** `count` clicks on `itemId` by different users, just now. */
function clicks(itemId: string, count: number): ClassifiedEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    event: {
      eventId: `${itemId}-${n}`,
      userId: `clicker-${n}`,
      itemId,
      type: 'click',
      timestamp: new Date().toISOString(),
    },
    polarity: 1,
    weight: 1,
  }));
}

describe('answers before the first model', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startInMemoryApi();
  });
  afterAll(() => api.close());

  const send = async (method: 'GET' | 'POST', url: string, json?: unknown) => {
    const response = await api.app.inject({
      method,
      url,
      headers: { 'x-api-key': TEST_WRITE_KEY, 'content-type': 'application/json' },
      payload: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: response.statusCode, body: JSON.parse(response.body) as Recommendations };
  };
  const ids = (answer: Recommendations) => answer.items.map((item) => item.itemId);

  it('answers 503 MODEL_NOT_READY while nothing at all is known', async () => {
    for (const [method, url, json] of [
      ['GET', '/recommend/user-1'],
      ['POST', '/recommend', { itemIds: ['a'] }],
      ['GET', '/items/a/similar'],
    ] as const) {
      const answer = await send(method, url, json);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: 'MODEL_NOT_READY' });
    }
  });

  it('answers the popular items, most popular first, once events are known', async () => {
    await api.realtimeStore.record([...clicks('a', 3), ...clicks('b', 5), ...clicks('c', 1)]);
    await api.app.get(PopularityCache).refresh();

    const forUser = await send('GET', '/recommend/user-1');
    expect(forUser.status).toBe(200);
    expect(forUser.body.modelVersion).toBeNull();
    expect(ids(forUser.body)).toEqual(['b', 'a', 'c']);
    expect(forUser.body.items.every((item) => item.source === 'popular')).toBe(true);

    const similar = await send('GET', '/items/a/similar');
    expect(similar.status).toBe(200);
    expect(similar.body).toMatchObject({ itemId: 'a', modelVersion: null });
    expect(ids(similar.body)).toEqual(['b', 'c']);
    expect(similar.body.items.every((item) => item.source === 'popular')).toBe(true);

    const session = await send('POST', '/recommend', { itemIds: ['b'] });
    expect(session.status).toBe(200);
    expect(ids(session.body)).toEqual(['a', 'c']);
  });
});
