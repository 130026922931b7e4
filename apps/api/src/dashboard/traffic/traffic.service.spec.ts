import { ApiMetrics } from '../../observability/api-metrics';
import { READING_TIMEOUT_MS, RECOMMEND_ROUTE, TrafficService } from './traffic.service';

describe('TrafficService', () => {
  const now = new Date('2026-12-02T12:00:00Z');

  function service(
    metrics: ApiMetrics,
    options: { streamDown?: boolean; lagHangs?: boolean } = {},
  ) {
    const since: Date[] = [];
    const traffic = new TrafficService(
      metrics,
      { countReceivedSince: (date) => (since.push(date), Promise.resolve(120)) },
      {
        deadLetterCount: () =>
          options.streamDown ? Promise.reject(new Error('no broker')) : Promise.resolve(3),
        consumerLag: () =>
          options.lagHangs
            ? new Promise(() => undefined)
            : Promise.resolve([{ partition: 0, lag: 5 }]),
        close: () => Promise.resolve(),
      },
      () => now,
    );
    return { traffic, since };
  }

  it('reads events per second over the last minute, dead letters, lag and recommend figures', async () => {
    const metrics = new ApiMetrics();
    for (const seconds of [0.002, 0.002, 0.002, 0.02]) metrics.httpRequestDuration.observe('GET', RECOMMEND_ROUTE, 200, seconds); // prettier-ignore
    metrics.httpRequestDuration.observe('GET', '/models', 200, 2);
    for (let i = 0; i < 3; i++) metrics.countAnswer('model', 'list');
    metrics.countAnswer('popular', 'search');
    const { traffic, since } = service(metrics);

    const read = await traffic.read();

    expect(since).toEqual([new Date('2026-12-02T11:59:00Z')]);
    expect(read.eventsPerSecond).toEqual({ value: 2 });
    expect(read.deadLetters).toEqual({ value: 3 });
    expect(read.consumerLag).toEqual({ value: [{ partition: 0, lag: 5 }] });
    expect(read.recommend.requests).toBe(4);
    // 3 of 4 in (0.001, 0.0025]: the median interpolates inside that bucket; /models is not counted.
    expect(read.recommend.latencyMs.p50).toBeCloseTo(1 + 1.5 * (2 / 3), 6);
    expect(read.recommend.latencyMs.p99).toBeGreaterThan(10);
    expect(read.recommend.latencyMs.p99).toBeLessThanOrEqual(25);
    expect(read.recommend.answers).toEqual(
      expect.arrayContaining([
        { source: 'model', path: 'list', count: 3 },
        { source: 'popular', path: 'search', count: 1 },
      ]),
    );
  });

  it('reports a source that is away without hiding the other figures', async () => {
    const read = await service(new ApiMetrics(), { streamDown: true }).traffic.read();
    expect(read.deadLetters).toEqual({ error: 'no broker' });
    expect(read.eventsPerSecond).toEqual({ value: 2 });
    expect(read.recommend).toEqual({
      requests: 0,
      latencyMs: { p50: null, p95: null, p99: null },
      answers: [],
    });
  });

  it('reports a source that does not answer in time as unavailable', async () => {
    jest.useFakeTimers();
    try {
      const pending = service(new ApiMetrics(), { lagHangs: true }).traffic.read();
      await jest.advanceTimersByTimeAsync(READING_TIMEOUT_MS);
      const read = await pending;
      expect(read.consumerLag).toEqual({ error: `no answer within ${READING_TIMEOUT_MS} ms` });
      expect(read.deadLetters).toEqual({ value: 3 });
    } finally {
      jest.useRealTimers();
    }
  });
});
