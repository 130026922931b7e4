import type { OptimizerName } from '../train-options';
import { createSparseOptimizer } from './create-sparse-optimizer';
import { optimizerStateLengths, type OptimizerParameters } from './sparse-optimizer';

const DIM = 2;
const base: OptimizerParameters = {
  learningRate: 0.1,
  maxNorm: 0,
  l2: 0,
  epsilon: 1e-8,
  adamBeta1: 0.9,
  adamBeta2: 0.999,
};

function tableFor(optimizer: OptimizerName) {
  const values = Float32Array.of(1, 1, 0.5, -0.5, 2, 0);
  const state = optimizerStateLengths(optimizer, 3, DIM).map((length) => new Float32Array(length));
  return { values, state, dim: DIM };
}

function step(optimizer: OptimizerName, grad: number[], extra: Partial<OptimizerParameters> = {}) {
  const table = tableFor(optimizer);
  const instance = createSparseOptimizer(table, { ...base, ...extra, optimizer });
  instance.applyRow(1, Float64Array.from(grad));
  return { table, instance };
}

describe('sparse optimisers', () => {
  it('sgd: row -= lr * grad, on that row only', () => {
    const { table } = step('sgd', [1, -2]);
    expect([...table.values]).toEqual([
      1,
      1,
      expect.closeTo(0.4, 6),
      expect.closeTo(-0.3, 6),
      2,
      0,
    ]);
  });

  it('adagrad: first step is lr * sign(grad) per coordinate, then shrinks', () => {
    const { table, instance } = step('adagrad', [1, -2]);
    expect(table.values[2]).toBeCloseTo(0.4, 6);
    expect(table.values[3]).toBeCloseTo(-0.4, 6);
    instance.applyRow(1, Float64Array.of(1, 0));
    expect(table.values[2]).toBeCloseTo(0.4 - 0.1 / Math.SQRT2, 6);
    expect([...table.state[0]]).toEqual([0, 0, 2, 4, 0, 0]);
  });

  it('row-adagrad: one accumulator per row holding mean squared gradients', () => {
    const { table } = step('row-adagrad', [1, -2]);
    const rate = 0.1 / Math.sqrt(2.5);
    expect(table.values[2]).toBeCloseTo(0.5 - rate, 6);
    expect(table.values[3]).toBeCloseTo(-0.5 + 2 * rate, 6);
    expect([...table.state[0]]).toEqual([0, 2.5, 0]);
  });

  it("lazy-adam: bias-corrected first step is lr * sign(grad); counts each row's own steps", () => {
    const { table, instance } = step('lazy-adam', [1, -2]);
    expect(table.values[2]).toBeCloseTo(0.4, 5);
    expect(table.values[3]).toBeCloseTo(-0.4, 5);
    instance.applyRow(1, Float64Array.of(1, -2));
    expect([...table.state[2]]).toEqual([0, 2, 0]);
    expect(table.values[0]).toBe(1);
  });

  it('clips an updated row into the unit ball', () => {
    const table = tableFor('sgd');
    const sgd = createSparseOptimizer(table, { ...base, maxNorm: 1, optimizer: 'sgd' });
    sgd.applyRow(2, Float64Array.of(-10, 0));
    expect(table.values[4]).toBeCloseTo(1, 6);
    expect(table.values[5]).toBe(0);
    // Rows that are not updated are not clipped either (row 0 has norm sqrt(2)).
    expect(table.values[0]).toBe(1);
  });

  it('adds the L2 penalty to the gradient of updated rows', () => {
    const { table } = step('sgd', [0, 0], { l2: 0.5 });
    expect(table.values[2]).toBeCloseTo(0.5 - 0.1 * 0.25, 6);
  });
});
