import { IdIndex } from './id-index';
import { InteractionTable, Signal } from './interaction-table';

/** One parsed row before indexing. */
export interface ParsedRow {
  userId: string;
  itemId: string;
  signal: Signal;
  weight: number;
  timestampMs: number;
  rating: number;
}

/** Id indices to extend; share them between files (train and test) so indices agree. */
export interface IdIndices {
  users: IdIndex;
  items: IdIndex;
}

/** Collects rows into growable typed arrays and indexes their ids. */
export class TableBuilder {
  private size = 0;
  private users = new Int32Array(1024);
  private items = new Int32Array(1024);
  private signals = new Int8Array(1024);
  private weights = new Float32Array(1024);
  private timestamps = new Float64Array(1024);
  private ratings = new Float32Array(1024);

  constructor(readonly indices: IdIndices = { users: new IdIndex(), items: new IdIndex() }) {}

  /** Registers a user that may have no rows (so its id keeps its place). */
  addUser(userId: string): void {
    this.indices.users.indexOf(userId);
  }

  add(row: ParsedRow): void {
    if (this.size === this.users.length) this.grow();
    const at = this.size++;
    this.users[at] = this.indices.users.indexOf(row.userId);
    this.items[at] = this.indices.items.indexOf(row.itemId);
    this.signals[at] = row.signal;
    this.weights[at] = row.weight;
    this.timestamps[at] = row.timestampMs;
    this.ratings[at] = row.rating;
  }

  build(): InteractionTable {
    return {
      userIds: this.indices.users.ids(),
      itemIds: this.indices.items.ids(),
      users: this.users.slice(0, this.size),
      items: this.items.slice(0, this.size),
      signals: this.signals.slice(0, this.size),
      weights: this.weights.slice(0, this.size),
      timestampsMs: this.timestamps.slice(0, this.size),
      ratings: this.ratings.slice(0, this.size),
    };
  }

  private grow(): void {
    const length = this.users.length * 2;
    this.users = copyInto(new Int32Array(length), this.users);
    this.items = copyInto(new Int32Array(length), this.items);
    this.signals = copyInto(new Int8Array(length), this.signals);
    this.weights = copyInto(new Float32Array(length), this.weights);
    this.timestamps = copyInto(new Float64Array(length), this.timestamps);
    this.ratings = copyInto(new Float32Array(length), this.ratings);
  }
}

function copyInto<T extends Int32Array | Int8Array | Float32Array | Float64Array>(
  target: T,
  source: T,
): T {
  target.set(source);
  return target;
}
