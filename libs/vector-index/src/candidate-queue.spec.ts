import { CandidateQueue } from './candidate-queue';

describe('CandidateQueue', () => {
  it('pops candidates nearest first and grows past its first buffer', () => {
    const queue = new CandidateQueue();
    const distances = Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    distances.forEach((distance, id) => queue.push(id, distance));
    expect(queue.nearestDistance).toBe(0);
    const popped = Array.from({ length: 200 }, () => distances[queue.pop()]);
    expect(popped).toEqual([...distances].sort((a, b) => a - b));
    expect(queue.length).toBe(0);
    expect(queue.nearestDistance).toBe(Infinity);
  });
});
