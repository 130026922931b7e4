import { ConfigError } from '@recsys/service-config';
import { ingestorEnvSchema, ingestorSettingsFrom, loadIngestorConfig } from './config';

/** The variables a ConfigError names, sorted; fails when the environment is accepted. */
function badVariablesOf(env: Record<string, string>): string[] {
  try {
    loadIngestorConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.split(':')[0]).sort();
  }
  throw new Error('expected a ConfigError');
}

describe('ingestor config', () => {
  it('parses an empty environment: every variable has a default', () => {
    const config = loadIngestorConfig({});
    expect(Object.keys(config).sort()).toEqual(Object.keys(ingestorEnvSchema.shape).sort());
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://recsys:recsys@127.0.0.1:5432/recsys',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'recsys-ingestor',
      KAFKA_GROUP_ID: 'ingestor',
      KAFKA_TOPIC: 'interactions.v1',
      WEIGHT_PURCHASE: 3,
      MAX_TRIPLETS_PER_EVENT: 50,
    });
  });

  it('rejects bad values, naming every bad variable at once', () => {
    const bad = {
      DATABASE_URL: 'mysql://recsys@db/recsys',
      KAFKA_BROKERS: ' , ',
      KAFKA_TOPIC_PARTITIONS: '0',
      WEIGHT_CLICK: '-1',
      MAX_TRIPLETS_PER_EVENT: '2.5',
    };
    expect(badVariablesOf({ ...bad, KAFKA_TOPIC: 'still-fine' })).toEqual(Object.keys(bad).sort());
  });

  it('turns each weight variable into the weight of its event type', () => {
    const config = loadIngestorConfig({
      WEIGHT_VIEW: '0.1',
      WEIGHT_CLICK: '1.1',
      WEIGHT_ADD_TO_CART: '2.2',
      WEIGHT_PURCHASE: '3.3',
      WEIGHT_LIKE: '4.4',
      WEIGHT_IMPRESSION_CHOICE: '5.5',
      WEIGHT_LIKED_RATING: '6.6',
      LIKE_RATING_MIN: '4.5',
      DISLIKE_RATING_MAX: '1.5',
      MAX_TRIPLETS_PER_EVENT: '7',
    });
    expect(ingestorSettingsFrom(config)).toEqual({
      signals: {
        positiveWeights: {
          view: 0.1,
          click: 1.1,
          add_to_cart: 2.2,
          purchase: 3.3,
          like: 4.4,
          impression: 5.5,
        },
        likedRatingWeight: 6.6,
        likeRatingMin: 4.5,
        dislikeRatingMax: 1.5,
      },
      maxTripletsPerEvent: 7,
    });
  });
});
