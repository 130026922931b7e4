import { JobProgressTracker } from './job-progress-tracker';

const epoch = (n: number, meanLoss: number, seconds: number) => ({
  epoch: n,
  meanLoss,
  triplets: 100,
  seconds,
});

describe('JobProgressTracker', () => {
  it('accumulates the loss per epoch and estimates the time left from the mean epoch time', () => {
    const tracker = new JobProgressTracker(1000);
    expect(tracker.afterEpoch(epoch(1, 0.9, 2), { epochs: 4, nowMs: 4000 })).toEqual({
      epoch: 1,
      epochs: 4,
      lossPerEpoch: [0.9],
      elapsedMs: 3000,
      remainingMs: 6000,
    });
    expect(tracker.afterEpoch(epoch(2, 0.7, 4), { epochs: 4, nowMs: 8000 })).toEqual({
      epoch: 2,
      epochs: 4,
      lossPerEpoch: [0.9, 0.7],
      elapsedMs: 7000,
      remainingMs: 6000,
    });
  });

  it('reports nothing left after the last epoch, and an unknown time left without an epoch clock', () => {
    const timed = new JobProgressTracker(0);
    expect(timed.afterEpoch(epoch(1, 0.5, 1), { epochs: 1, nowMs: 1500 }).remainingMs).toBe(0);
    const untimed = new JobProgressTracker(0);
    expect(untimed.afterEpoch(epoch(1, 0.5, 0), { epochs: 3, nowMs: 10 }).remainingMs).toBeNull();
  });
});
