import {
  addLogScores,
  decayedPopularity,
  logPopularityIncrement,
  type PopularItem,
} from '@recsys/domain';
import { compareUtf8 } from './in-memory-realtime-store-order';

// The same log-space scores as the Redis store (see libs/domain/src/log-popularity.ts).

/**
 * Decayed popularity of items in process memory. Trimmed back to `maxItems` (the least popular go) once it
 * has grown 10% beyond, so a full sort is paid once per many new items, not on every batch.
 */
export class InMemoryPopularity {
  private readonly logScores = new Map<string, number>();

  constructor(private readonly settings: { halfLifeMs: number; maxItems: number }) {}

  /** Adds `weight` (> 0), decayed from `eventTimeMs`, to the item's popularity. */
  add(itemId: string, options: { weight: number; eventTimeMs: number }): void {
    const added = logPopularityIncrement({ ...options, halfLifeMs: this.settings.halfLifeMs });
    const stored = this.logScores.get(itemId);
    this.logScores.set(itemId, stored === undefined ? added : addLogScores(stored, added));
    const slack = Math.max(1, Math.floor(this.settings.maxItems / 10));
    if (this.logScores.size > this.settings.maxItems + slack) this.trim();
  }

  /** Most popular first (equal scores: item id descending, as Redis orders them), decayed to `nowMs`. */
  top(limit: number, nowMs: number): PopularItem[] {
    const decay = { nowMs, halfLifeMs: this.settings.halfLifeMs };
    return this.ranked()
      .slice(0, limit)
      .map(([itemId, logScore]) => ({ itemId, score: decayedPopularity(logScore, decay) }));
  }

  /** Number of items tracked (at most maxItems plus the trimming slack). */
  get size(): number {
    return this.logScores.size;
  }

  private trim(): void {
    const kept = this.ranked().slice(0, this.settings.maxItems);
    this.logScores.clear();
    for (const [itemId, logScore] of kept) this.logScores.set(itemId, logScore);
  }

  private ranked(): [string, number][] {
    return [...this.logScores].sort(
      ([itemA, scoreA], [itemB, scoreB]) => scoreB - scoreA || compareUtf8(itemB, itemA),
    );
  }
}
