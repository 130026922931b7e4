import { plantedClusters } from '@recsys/embedding-training';
import { measureTraining, median } from './measure';

const planted = plantedClusters({
  userCount: 100,
  itemCount: 200,
  clusterCount: 4,
  likesPerUser: 8,
  seed: 3,
});

describe('measureTraining', () => {
  it('measures a single epoch (warm-up included) instead of dividing zero by zero', async () => {
    const measured = await measureTraining(planted.data, { dim: 8, epochs: 1, seed: 1 });
    for (const value of Object.values(measured)) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
  });

  it('leaves out the first epoch when there are more', async () => {
    const measured = await measureTraining(planted.data, { dim: 8, epochs: 3, seed: 1 });
    expect(Number.isFinite(measured.tripletsPerSecond)).toBe(true);
    expect(measured.tripletsPerSecond).toBeGreaterThan(0);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
