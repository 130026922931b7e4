import { splitRecentLikes, type TimedLikes } from './split-recent-likes';

function likes(rows: [user: number, item: number, atMs: number][], itemCount = 10): TimedLikes {
  return {
    userCount: Math.max(...rows.map(([u]) => u)) + 1,
    itemCount,
    users: Int32Array.from(rows.map(([u]) => u)),
    items: Int32Array.from(rows.map(([, i]) => i)),
    likedAtMs: Float64Array.from(rows.map(([, , at]) => at)),
  };
}

describe('splitRecentLikes', () => {
  it("holds out each user's most recent likes by time, not by row order", () => {
    // user 0: 5 likes listed out of time order; 0.4 x 5 = 2 held out: the ones at t=50 and t=40
    const split = splitRecentLikes(
      likes([
        [0, 0, 50],
        [0, 1, 10],
        [0, 2, 40],
        [0, 3, 20],
        [0, 4, 30],
        [1, 0, 5],
        [1, 2, 6],
        [1, 4, 7],
      ]),
      { ratio: 0.4 },
    );
    // user 1: round(0.4 x 3) = 1: the latest (item 4 at t=7)
    expect([...split.testRows]).toEqual([0, 2, 7]);
    expect([...split.trainRows]).toEqual([1, 3, 4, 5, 6]);
  });

  it('holds out at least one like of a user with two, and none of a user with one', () => {
    const split = splitRecentLikes(
      likes([
        [0, 0, 1],
        [0, 1, 2],
        [1, 0, 3],
        [2, 1, 1],
      ]),
      { ratio: 0.1 },
    );
    expect([...split.testRows]).toEqual([1]);
  });

  it('keeps in train a held-out like whose item nobody liked in the training part', () => {
    const split = splitRecentLikes(
      likes([
        [0, 0, 1],
        [0, 1, 2],
        [1, 1, 1],
        [1, 0, 2],
        [1, 3, 3],
        [1, 2, 4],
      ]),
      { ratio: 0.5 },
    );
    // user 0's latest (item 1) is trained by user 1; user 1's two latest (items 3, 2) are liked by
    // nobody else: back to train
    expect([...split.testRows]).toEqual([1]);
    expect(split.trainRows).toHaveLength(5);
  });

  it('breaks ties in time by row order', () => {
    const split = splitRecentLikes(
      likes([
        [0, 0, 5],
        [0, 1, 5],
        [0, 2, 5],
        [1, 2, 1],
        [1, 1, 1],
        [1, 0, 0],
      ]),
      { ratio: 0.34 },
    );
    expect([...split.testRows]).toEqual([2, 4]);
  });
});
