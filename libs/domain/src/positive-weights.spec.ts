import { weightOfPositive } from './positive-weights';

describe('weightOfPositive', () => {
  const weights = { click: 1, purchase: 3, like: 0, rating: 2 };

  it('takes the strongest type seen for the pair', () => {
    expect(weightOfPositive(['click', 'purchase'], weights)).toBe(3);
    expect(weightOfPositive(['rating', 'click'], weights)).toBe(2);
  });

  it('gives 0 when no type weighs anything now, unknown types included', () => {
    expect(weightOfPositive(['like'], weights)).toBe(0);
    expect(weightOfPositive(['teleport'], weights)).toBe(0);
    expect(weightOfPositive([], weights)).toBe(0);
  });
});
