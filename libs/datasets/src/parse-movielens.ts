import { datasetError } from './dataset-error';
import { InteractionTable, Signal } from './interaction-table';
import { forEachLine } from './lines-of';
import { IdIndices, TableBuilder } from './table-builder';

/** Where MovieLens ratings turn into likes and dislikes. */
export interface RatingThresholds {
  /** Ratings at or above are liked. */
  likeMin: number;
  /** Ratings at or below are unliked; between the two is neutral. */
  dislikeMax: number;
}

const DEFAULT_THRESHOLDS: RatingThresholds = { likeMin: 4, dislikeMax: 2 };

/**
 * Parses MovieLens `u.data` (`user<TAB>item<TAB>rating<TAB>unix seconds`): ratings >= 4 are liked
 * (weight 1), <= 2 unliked, 3 neutral.
 */
export function parseMovieLens(
  text: string,
  indices?: IdIndices,
  thresholds: RatingThresholds = DEFAULT_THRESHOLDS,
): InteractionTable {
  const builder = new TableBuilder(indices);
  forEachLine(text, (line, lineNumber) => {
    const fields = line.split(/\s+/);
    if (fields.length !== 4) {
      throw datasetError('movielens', lineNumber, `expected 4 fields, found ${fields.length}`);
    }
    const rating = Number(fields[2]);
    const seconds = Number(fields[3]);
    if (!Number.isFinite(rating) || !Number.isFinite(seconds)) {
      throw datasetError('movielens', lineNumber, 'rating and timestamp must be numbers');
    }
    const signal: Signal =
      rating >= thresholds.likeMin ? 1 : rating <= thresholds.dislikeMax ? -1 : 0;
    builder.add({
      userId: fields[0],
      itemId: fields[1],
      signal,
      weight: signal === 1 ? 1 : 0,
      timestampMs: seconds * 1000,
      rating,
    });
  });
  return builder.build();
}
