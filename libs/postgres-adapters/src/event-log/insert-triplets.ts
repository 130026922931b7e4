import type { Triplet } from '@recsys/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../storage/query-rows';

// Bounds the size of one statement's parameters when an event batch derives very many triplets.
const TRIPLETS_PER_STATEMENT = 10_000;

const INSERT_TRIPLETS_SQL = `
  WITH inserted AS (
    INSERT INTO triplets (user_id, positive_item_id, negative_item_id, source_event_id)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
    ON CONFLICT ON CONSTRAINT triplets_pkey DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;

/** Stores triplets idempotently (an existing or repeated triplet is skipped); returns how many were new. */
export async function insertTriplets(
  manager: EntityManager,
  triplets: readonly Triplet[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < triplets.length; start += TRIPLETS_PER_STATEMENT) {
    const chunk = triplets.slice(start, start + TRIPLETS_PER_STATEMENT);
    const rows = await queryRows<{ inserted: number }>(manager, INSERT_TRIPLETS_SQL, [
      chunk.map((triplet) => triplet.userId),
      chunk.map((triplet) => triplet.positiveItemId),
      chunk.map((triplet) => triplet.negativeItemId),
      chunk.map((triplet) => triplet.sourceEventId),
    ]);
    inserted += Number(rows[0]?.inserted ?? 0);
  }
  return inserted;
}
