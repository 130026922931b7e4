import {
  weightOfPositive,
  type PositiveInteraction,
  type PositiveWeights,
  type TrainingSet,
  type Triplet,
  type TripletStore,
} from '@recsys/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { TripletEntity } from '../schema/triplet.entity';
import { queryRows } from '../storage/query-rows';

// Per (user, item): the strongest liked weight, kept only while the latest liked/unliked signal is a like
// (a dislike after a like cancels it; a like after a dislike restores it). user_item_signals holds exactly
// that, kept up to date by every append; neutral events (polarity 0) are not signals.
const POSITIVES_SQL = `
  SELECT user_id, item_id, max_positive_weight AS weight, positive_types, last_liked_at
  FROM user_item_signals
  WHERE polarity = 1
  ORDER BY user_id, item_id`;

const TRIPLETS_SQL = `
  SELECT user_id, positive_item_id, negative_item_id, source_event_id
  FROM triplets
  ORDER BY user_id, positive_item_id, negative_item_id, source_event_id`;

// Every liked or unliked event ever logged; the log only grows (replays are stored once), so the count does.
const SIGNALS_SQL = 'SELECT count(*) AS count FROM interaction_events WHERE polarity <> 0';

interface PositiveRow {
  user_id: string;
  item_id: string;
  weight: number;
  positive_types: string[];
  last_liked_at: Date;
}

interface TripletRow {
  user_id: string;
  positive_item_id: string;
  negative_item_id: string;
  source_event_id: string;
}

/** Reads the training set from `user_item_signals` and `triplets`, in a stable (key) order. */
export class PostgresTripletStore implements TripletStore {
  constructor(private readonly dataSource: DataSource) {}

  async loadTrainingSet(weights?: PositiveWeights): Promise<TrainingSet> {
    // One snapshot for both reads, so positives and triplets describe the same moment.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const positiveRows = await queryRows<PositiveRow>(manager, POSITIVES_SQL);
      const tripletRows = await queryRows<TripletRow>(manager, TRIPLETS_SQL);
      return {
        positives: weights ? weighted(positiveRows, weights) : positiveRows.map(toPositive),
        triplets: tripletRows.map(toTriplet),
        signalCount: await countSignalsWith(manager),
      };
    });
  }

  countTriplets(): Promise<number> {
    return this.dataSource.getRepository(TripletEntity).count();
  }

  countSignals(): Promise<number> {
    return countSignalsWith(this.dataSource.manager);
  }
}

async function countSignalsWith(manager: EntityManager): Promise<number> {
  const rows = await queryRows<{ count: string | number }>(manager, SIGNALS_SQL);
  return Number(rows[0].count);
}

function toPositive(row: PositiveRow): PositiveInteraction {
  return {
    userId: row.user_id,
    itemId: row.item_id,
    weight: Number(row.weight),
    likedAtMs: new Date(row.last_liked_at).getTime(),
  };
}

// Pairs whose types weigh nothing under today's weights are no positives (as a neutral event is none).
function weighted(rows: PositiveRow[], weights: PositiveWeights): PositiveInteraction[] {
  const positives: PositiveInteraction[] = [];
  for (const row of rows) {
    const weight = weightOfPositive(row.positive_types, weights);
    if (weight > 0) positives.push({ ...toPositive(row), weight });
  }
  return positives;
}

function toTriplet(row: TripletRow): Triplet {
  return {
    userId: row.user_id,
    positiveItemId: row.positive_item_id,
    negativeItemId: row.negative_item_id,
    sourceEventId: row.source_event_id,
  };
}
