import { sustainedRate } from './ingestion-rate';

describe('sustainedRate', () => {
  // 1 sample per second: nothing for 2 s, then 1000/s except a slow second (200), drained at 10 000.
  const counts = [0, 0, 1000, 2000, 3000, 3200, 4200, 5200, 6200, 7200, 8200, 9200, 10000, 10000];
  const samples = counts.map((count, i) => ({ atMs: i * 1000, count }));

  it('measures from warm-up to the last sample before the backlog drained', () => {
    const rate = sustainedRate(samples, { total: 10_000, warmUpSeconds: 1, stepSeconds: 1 });
    // from t=3 (2000) to t=11 (9200): 7200 events in 8 s
    expect(rate).toEqual({
      eventsPerSecond: 900,
      windowSeconds: 8,
      slowestStepEventsPerSecond: 200,
    });
  });

  it('is null before ingestion began', () => {
    expect(sustainedRate([{ atMs: 0, count: 0 }], { total: 5, warmUpSeconds: 1, stepSeconds: 1 })).toBeNull(); // prettier-ignore
  });
});
