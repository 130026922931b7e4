// node bench/run.js bench/train/pick-prefilter.ts CACHE [AXES] [TRIALS]
// Would a cheaper first ranking of a pick's W candidates (the catalogue default: 128 on Gowalla) find the
// hardest one? On a cached model (export-sweep.ts CACHE, e.g. the served default model), projects the rows
// on the AXES (default 16,32) principal axes of the item rows, ranks random candidate sets of random users
// by the projected score 2 a.i - |i|^2 and reports how often the exact hardest candidate is within the
// first 1 / 2 / 4 / 8 / 16 of that ranking (TRIALS sets, default 20,000; seeded): the share of picks a
// prefilter that rescored its top R exactly would keep. Items sit near the unit sphere with a flat
// spectrum, so few axes explain little.
import { resolveTrainOptions, SeededRandom } from '@recsys/embedding-training';
import { loadModel } from '../quality/model-cache';
import { secondMoment } from '../quality/second-moment';

const TOP = [1, 2, 4, 8, 16];

/** The `count` leading eigenvectors of the symmetric matrix `m` (power iteration with deflation). */
function leadingAxes(m: Float64Array, dim: number, count: number, random: SeededRandom) {
  const rest = Float64Array.from(m);
  const axes: { vector: Float64Array; value: number }[] = [];
  for (let a = 0; a < count; a++) {
    let v = Float64Array.from({ length: dim }, () => random.nextFloat() - 0.5);
    let value = 0;
    for (let iteration = 0; iteration < 300; iteration++) {
      const w = new Float64Array(dim);
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) w[i] += rest[i * dim + j] * v[j];
      value = Math.hypot(...w);
      v = w.map((x) => x / value);
    }
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) rest[i * dim + j] -= value * v[i] * v[j];
    }
    axes.push({ vector: v, value });
  }
  return axes;
}

function main(argv: string[]): void {
  const [cache, axesArg = '16,32', trialsArg = '20000'] = argv;
  const axesCounts = axesArg.split(',').map(Number);
  const trials = Number(trialsArg);
  if (
    !cache ||
    axesCounts.some((n) => !Number.isInteger(n) || n < 1) ||
    !(Number.isInteger(trials) && trials > 0)
  ) {
    throw new Error('usage: pick-prefilter.ts CACHE [AXES e.g. 16,32] [TRIALS]');
  }
  const { dim, userVectors: users, itemVectors: items } = loadModel(cache);
  const itemCount = items.length / dim;
  const userCount = users.length / dim;
  // A cache holds no pair count: W as on the 20% carve the caches were trained on (its density keeps 128).
  const carveDensity = { itemCount, positivePairs: Math.round(itemCount * 15.8) };
  const { hardNegativeCandidates: candidates } = resolveTrainOptions({}, carveDensity);
  const second = secondMoment(items, dim);
  let trace = 0;
  for (let i = 0; i < dim; i++) trace += second[i * dim + i];
  const squared = Float64Array.from({ length: itemCount }, (_, item) => {
    let sum = 0;
    for (let k = item * dim; k < (item + 1) * dim; k++) sum += items[k] ** 2;
    return sum;
  });
  for (const count of axesCounts) {
    const random = new SeededRandom(42);
    const axes = leadingAxes(second, dim, count, random);
    const project = (rows: Float32Array, row: number) =>
      axes.map(({ vector }) => vector.reduce((sum, x, k) => sum + x * rows[row * dim + k], 0));
    const projected = Array.from({ length: itemCount }, (_, item) => project(items, item));
    const hits = TOP.map(() => 0);
    for (let t = 0; t < trials; t++) {
      const user = random.nextInt(userCount);
      const anchor = project(users, user);
      const ids = Array.from({ length: candidates }, () => random.nextInt(itemCount));
      const exact = ids.map((id) => {
        let dot = 0;
        for (let k = 0; k < dim; k++) dot += users[user * dim + k] * items[id * dim + k];
        return 2 * dot - squared[id];
      });
      const approx = ids.map(
        (id) => 2 * anchor.reduce((sum, x, k) => sum + x * projected[id][k], 0) - squared[id],
      );
      const hardest = exact.indexOf(Math.max(...exact));
      const rank = approx.filter((score) => score > approx[hardest]).length;
      TOP.forEach((top, i) => (hits[i] += rank < top ? 1 : 0));
    }
    const explained = axes.reduce((sum, { value }) => sum + value, 0) / trace;
    process.stdout.write(
      `${JSON.stringify({ candidates, axes: count, explained: Number(explained.toFixed(3)), hardestWithin: Object.fromEntries(TOP.map((top, i) => [top, Number((hits[i] / trials).toFixed(3))])) })}\n`, // prettier-ignore
    );
  }
}

main(process.argv.slice(2));
