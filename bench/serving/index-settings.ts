import { DomainError } from '@recsys/domain';

/** The api's index settings for a run, as api environment and as buildVectorIndex options. */
export interface IndexSettings {
  env: Record<string, string>;
  recall: { algorithm?: 'hnsw' | 'ivf'; exactBelow?: number };
}

/**
 * `--algorithm ''` and `--exactBelow -1` keep the api's defaults (INDEX_ALGORITHM, INDEX_EXACT_BELOW), so the
 * bench measures what a default deployment serves; other values are passed to the api and to the bench's
 * own index alike.
 */
export function indexSettings(options: { algorithm: string; exactBelow: number }): IndexSettings {
  const settings: IndexSettings = { env: {}, recall: {} };
  if (options.algorithm !== '') {
    if (options.algorithm !== 'hnsw' && options.algorithm !== 'ivf') {
      throw new DomainError('INVALID_ARGUMENT', `bad option --algorithm ${options.algorithm}`, {
        usage: '--algorithm hnsw|ivf',
      });
    }
    settings.env.INDEX_ALGORITHM = options.algorithm;
    settings.recall.algorithm = options.algorithm;
  }
  if (options.exactBelow >= 0) {
    settings.env.INDEX_EXACT_BELOW = String(options.exactBelow);
    settings.recall.exactBelow = options.exactBelow;
  }
  return settings;
}
