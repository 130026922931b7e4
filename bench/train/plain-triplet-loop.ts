import type { TrainingData } from '@recsys/embedding-training';
import { SeededRandom } from '@recsys/embedding-training';

/**
 * The reference the bar was set against: a plain typed-array loop (one uniform negative per pair,
 * Euclidean triplet hinge, SGD on the three rows, no rejection of known positives). Measured in the same
 * run as the kernel so that a noisy, shared machine still gives a fair ratio.
 */
export function plainTripletLoop(
  data: TrainingData,
  setup: { dim: number; seed: number; margin: number; learningRate: number },
): { triplets: number } {
  const { dim, margin, learningRate } = setup;
  const random = new SeededRandom(setup.seed);
  const users = Float32Array.from(
    { length: data.userCount * dim },
    () => random.nextNormal() * 0.1,
  );
  const items = Float32Array.from(
    { length: data.itemCount * dim },
    () => random.nextNormal() * 0.1,
  );
  const pairs = data.positives.users.length;
  for (let t = 0; t < pairs; t++) {
    const a = data.positives.users[t] * dim;
    const p = data.positives.items[t] * dim;
    const n = random.nextInt(data.itemCount) * dim;
    let dp = 0;
    let dn = 0;
    for (let k = 0; k < dim; k++) {
      dp += (users[a + k] - items[p + k]) ** 2;
      dn += (users[a + k] - items[n + k]) ** 2;
    }
    dp = Math.sqrt(dp) || 1e-12;
    dn = Math.sqrt(dn) || 1e-12;
    if (dp - dn + margin <= 0) continue;
    for (let k = 0; k < dim; k++) {
      const gp = (users[a + k] - items[p + k]) / dp;
      const gn = (users[a + k] - items[n + k]) / dn;
      users[a + k] -= learningRate * (gp - gn);
      items[p + k] += learningRate * gp;
      items[n + k] -= learningRate * gn;
    }
  }
  return { triplets: pairs };
}
