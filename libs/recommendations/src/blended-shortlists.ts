import type { RecentInteraction } from '@recsys/domain';
import type { StoredList } from './list-page';
import type { ServingModel } from './serving-model';

/** One user's list for a blended query vector, and whose it is. */
interface BlendedList extends StoredList {
  userId: string;
}

/**
 * The best items for the query vector of a user with likes since training (trained vector blended with
 * those likes, or the likes alone for a user the model does not know), computed on the user's first
 * request after a change of the user's recent interactions and kept until the next one. A storefront
 * re-renders for such a user many times between clicks; each render used to search the index (~250 µs of
 * CPU at 100k items), now it filters this list like a precomputed one.
 *
 * A list is kept per recent-interactions list object: the api keeps one array per user until the user
 * changes (RecentInteractionsCache), and a new array means new interactions. So no entry outlives the
 * api's kept lists (a WeakMap drops it with its key) and no change message is needed here; a list read
 * afresh per request (no cache) is simply never found again. Lists are checked against the user they
 * were computed for, and all are dropped when another model is asked for (so none keeps an old model).
 */
export class BlendedShortlists {
  private lists = new WeakMap<readonly RecentInteraction[], BlendedList>();
  private model: ServingModel | null = null;

  /** `size`: items per list (the search's k), as the precomputed lists (RECOMMEND_SHORTLIST_SIZE). */
  constructor(readonly size: number) {}

  /** The list kept for this recent list, model and user, or null. */
  find(
    recent: readonly RecentInteraction[],
    model: ServingModel,
    userId: string,
  ): StoredList | null {
    if (model !== this.model) {
      this.lists = new WeakMap();
      this.model = model;
    }
    const list = this.lists.get(recent);
    return list && list.userId === userId ? list : null;
  }

  /** Keeps `hits` (best first, rows of the model last asked for) as this recent list's, for `userId`. */
  keep(
    recent: readonly RecentInteraction[],
    userId: string,
    hits: readonly { index: number; score: number }[],
  ): StoredList {
    const count = Math.min(hits.length, this.size);
    const list: BlendedList = {
      userId,
      items: new Int32Array(count),
      scores: new Float64Array(count),
      start: 0,
      count,
    };
    for (let i = 0; i < count; i++) {
      list.items[i] = hits[i].index;
      list.scores[i] = hits[i].score;
    }
    this.lists.set(recent, list);
    return list;
  }
}
