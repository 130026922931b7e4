import { parseEventsCsv } from './parse-events-csv';
import { parseMovieLens } from './parse-movielens';
import { toTrainingData } from './to-training-data';

describe('toTrainingData', () => {
  const ratings = [
    '1\t10\t5\t0',
    '1\t11\t4\t0',
    '1\t12\t1\t0',
    '1\t13\t3\t0',
    '2\t10\t4\t0',
    '2\t10\t5\t0',
  ].join('\n');

  it('makes one positive per liked pair and pairs liked items with the user’s unliked items', () => {
    const data = toTrainingData(parseMovieLens(ratings));
    expect(data.userCount).toBe(2);
    expect(data.itemCount).toBe(4);
    expect(Array.from(data.positives.users)).toEqual([0, 0, 1]);
    expect(Array.from(data.positives.items)).toEqual([0, 1, 0]);
    expect(Array.from(data.positives.weights)).toEqual([1, 1, 1]);
    expect(Array.from(data.explicitTriplets.users)).toEqual([0, 0]);
    expect(Array.from(data.explicitTriplets.positives)).toEqual([0, 1]);
    expect(Array.from(data.explicitTriplets.negatives)).toEqual([2, 2]);
  });

  it('adds neutral rows at the given weight and honours a row subset', () => {
    const data = toTrainingData(parseMovieLens(ratings), {
      neutralWeight: 0.5,
      rows: Int32Array.of(0, 3),
    });
    expect(Array.from(data.positives.items)).toEqual([0, 3]);
    expect(Array.from(data.positives.weights)).toEqual([1, 0.5]);
    expect(data.explicitTriplets.users.length).toBe(0);
  });

  it('turns unliked rows into positives at `unlikedWeight`, without triplets', () => {
    const data = toTrainingData(parseMovieLens(ratings), {
      unlikedWeight: 0.25,
      neutralWeight: 0.5,
    });
    expect(Array.from(data.positives.items)).toEqual([0, 1, 2, 3, 0]);
    expect(Array.from(data.positives.weights)).toEqual([1, 1, 0.25, 0.5, 1]);
    expect(data.explicitTriplets.users.length).toBe(0);
  });

  it('keeps the strongest weight and never uses a liked item as a negative', () => {
    const csv = [
      'userId,itemId,type,value,timestamp',
      'u,a,click,,',
      'u,a,purchase,,',
      'u,b,like,,',
      'u,b,dislike,,',
    ].join('\n');
    const data = toTrainingData(parseEventsCsv(csv));
    expect(Array.from(data.positives.weights)).toEqual([3, 2]);
    expect(data.explicitTriplets.users.length).toBe(0);
  });
});
