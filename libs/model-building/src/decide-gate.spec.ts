import { decideGate } from './decide-gate';

const comparison = (candidate: number, serving: number, rows = 4000) => ({
  rows,
  users: 20,
  candidate: { recall: candidate, ndcg: 0 },
  serving: { recall: serving, ndcg: 0 },
});
const gate = { k: 10, minRecall: 0.01, tolerance: 0.02 };

describe('decideGate', () => {
  it('accepts a candidate within the tolerance of the serving model and rejects one below it', () => {
    expect(decideGate({ ...gate, recall: 0.3, comparison: comparison(0.29, 0.3) }).accepted).toBe(
      true,
    );
    expect(decideGate({ ...gate, recall: 0.3, comparison: comparison(0.28, 0.3) }).accepted).toBe(
      true,
    );
    const rejected = decideGate({ ...gate, recall: 0.3, comparison: comparison(0.2, 0.3) });
    expect(rejected).toEqual({
      accepted: false,
      reason:
        "recall@10 below the serving model's: candidate 0.2000, serving 0.3000, tolerance 0.02 + sampling noise 0.0194, on 4000 held-out likes new to the serving model",
    });
  });

  it('does not reject on a comparison too small to tell the models apart', () => {
    // One like of six moves recall by 0.17: 2 of 6 against 3 of 6 is noise, not a worse model.
    expect(decideGate({ ...gate, recall: 0.3, comparison: comparison(2 / 6, 3 / 6, 6) }).accepted).toBe(true); // prettier-ignore
    // The same gap on 4,000 likes is a worse model.
    expect(decideGate({ ...gate, recall: 0.3, comparison: comparison(2 / 6, 3 / 6) }).accepted).toBe(false); // prettier-ignore
  });

  it('applies the absolute floor first, and alone when there is nothing to compare with', () => {
    expect(decideGate({ ...gate, recall: 0.005, comparison: comparison(0.5, 0.1) })).toEqual({
      accepted: false,
      reason: 'held-out recall@10 0.0050 is below the floor 0.01',
    });
    expect(decideGate({ ...gate, recall: 0.05, comparison: null }).accepted).toBe(true);
    expect(decideGate({ ...gate, recall: null, comparison: null }).accepted).toBe(true);
  });
});
