import { toTrainingJob } from './training-job-row';

describe('toTrainingJob', () => {
  it('maps snake_case columns and turns timestamps into ISO-8601 UTC strings', () => {
    const job = toTrainingJob({
      id: 'a1b2',
      status: 'succeeded',
      params: { epochs: 3 },
      created_at: new Date('2026-01-01T10:00:00.000Z'),
      started_at: '2026-01-01 12:00:01+02',
      finished_at: new Date('2026-01-01T10:05:00.000Z'),
      metrics: { recallAt10: 0.3 },
      model_version: 'v7',
      error: null,
      progress: { epoch: 2, epochs: 2, lossPerEpoch: [0.5, 0.4], elapsedMs: 900, remainingMs: 0 },
      queue_position: '7',
    });
    expect(job).toEqual({
      id: 'a1b2',
      status: 'succeeded',
      params: { epochs: 3 },
      createdAt: '2026-01-01T10:00:00.000Z',
      startedAt: '2026-01-01T10:00:01.000Z',
      finishedAt: '2026-01-01T10:05:00.000Z',
      metrics: { recallAt10: 0.3 },
      modelVersion: 'v7',
      error: null,
      progress: { epoch: 2, epochs: 2, lossPerEpoch: [0.5, 0.4], elapsedMs: 900, remainingMs: 0 },
    });
  });

  it('keeps unset timestamps null and defaults missing params to an empty object', () => {
    const job = toTrainingJob({
      id: 'q',
      status: 'queued',
      params: null,
      created_at: new Date('2026-01-01T00:00:00.000Z'),
      started_at: null,
      finished_at: null,
      metrics: null,
      model_version: null,
      error: null,
      progress: null,
      queue_position: 1,
    });
    expect(job.startedAt).toBeNull();
    expect(job.finishedAt).toBeNull();
    expect(job.params).toEqual({});
    expect(job.progress).toBeNull();
  });
});
