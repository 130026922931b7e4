import { UserItemSet } from '../data/user-item-set';
import { EuclideanGeometry } from '../geometry/euclidean-geometry';
import { TrainingExample } from '../kernel/training-example';
import { SeededRandom } from '../random/seeded-random';
import type { NegativeSource } from '../train-options';
import { NegativeSampler } from './negative-sampler';

// One dimension: each user sits at 0 and item i at i, so d(user, item i) = i. Users 0 and 1 like 0, 1, 5.
const ITEMS = 200;
const positives = UserItemSet.fromPairs({
  users: Int32Array.of(0, 0, 0, 1, 1, 1),
  items: Int32Array.of(0, 1, 5, 0, 1, 5),
  userCount: 2,
});

/** A Euclidean geometry that counts the rows it scores. */
class CountingGeometry extends EuclideanGeometry {
  rowsScored = 0;

  override scoreRows(offsets: Int32Array, count: number): Float64Array {
    this.rowsScored += count;
    return super.scoreRows(offsets, count);
  }
}

function setup(source: NegativeSource, reuse: number) {
  const geometry = new CountingGeometry({
    anchors: Float32Array.of(0, 0),
    others: Float32Array.from({ length: ITEMS }, (_, i) => i),
    dim: 1,
  });
  const sampler = new NegativeSampler({
    random: new SeededRandom(3),
    itemCount: ITEMS,
    dim: 1,
    positives,
    explicitNegatives: UserItemSet.fromPairs({ users: new Int32Array(0), items: new Int32Array(0), userCount: 2 }), // prettier-ignore
    popularity: null,
    geometry,
    negativesPerPositive: 1,
    candidates: 50,
    candidateReuse: reuse,
    mix: { [source]: 1 },
    warmupEpochs: 0,
  });
  return { sampler, geometry };
}

/** `times` picks, alternating users every 3 examples (as `by-user` order visits each user's 3 positives). */
function picks(sampler: NegativeSampler, times = 3000): number[] {
  const example = new TrainingExample(1);
  const items: number[] = [];
  for (let i = 0; i < times; i++) {
    example.user = Math.floor(i / 3) % 2;
    example.positive = 5;
    example.negativeCount = 0;
    sampler.fill(example);
    if (example.negativeCount > 0) items.push(example.negatives[0]);
  }
  return items;
}

const mean = (items: number[]) => items.reduce((sum, item) => sum + item, 0) / items.length;

describe("hard candidates reused across a user's positives (candidateReuse > 1)", () => {
  it.each<NegativeSource>(['hardest', 'semi-hard'])('%s never returns a liked item', (source) => {
    const items = picks(setup(source, 4).sampler);
    expect(items.length).toBe(3000);
    expect(items.some((item) => positives.has(0, item))).toBe(false);
  });

  it('scores about 1/R of the rows of fresh candidates', () => {
    const fresh = setup('hardest', 1);
    const reused = setup('hardest', 8);
    picks(fresh.sampler);
    picks(reused.sampler);
    // Fresh: W + 1 rows per pick (the positive too). Reused: one pool of W per user visit of 3 picks.
    expect(fresh.geometry.rowsScored).toBe(3000 * 51);
    expect(reused.geometry.rowsScored).toBe(1000 * 50);
  });

  it('picks about as hard as hardest-of-W from fresh candidates', () => {
    // Closest of 50 uniform draws from 196 eligible items: mean rank ~ 196 / 51 ~ 4 above item 2.
    const fresh = mean(picks(setup('hardest', 1).sampler));
    const reused = mean(picks(setup('hardest', 8).sampler));
    expect(fresh).toBeGreaterThan(3);
    expect(fresh).toBeLessThan(9);
    expect(reused).toBeGreaterThan(3);
    expect(Math.abs(reused - fresh)).toBeLessThan(3);
  });

  it('semi-hard picks are farther than the positive', () => {
    const items = picks(setup('semi-hard', 4).sampler);
    expect(items.filter((item) => item > 5).length / items.length).toBeGreaterThan(0.95);
  });
});
