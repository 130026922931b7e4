// Issue 11, item 9: a service job with no parameters trains with exactly the options `recsys train` would
// use on the same data — no silent gap between the CLI's measured defaults and the service's.
import { parseLightGcn } from '@recsys/datasets';
import { DomainError, ENGINE_OPTION_FIELDS, type TrainingSet } from '@recsys/domain';
import { defaultTrainOptions, type TrainOptions } from '@recsys/embedding-training';
import { trainModel } from '@recsys/model-building';
import { parseOptions } from '../../../apps/cli/src/args/parse-options';
import { toPipelineOptions } from '../../../apps/cli/src/commands/pipeline-options';
import { TRAIN_OPTION_SPECS } from '../../../apps/cli/src/commands/train-option-specs';
import { trainFromTable } from '../../../apps/cli/src/training/train-pipeline';
import { loadTrainerConfig, trainerSettingsFrom } from '../../../apps/trainer/src/config';

jest.setTimeout(120_000);

const CORES = 3;
const STOP = new DomainError('STOP', 'options seen');

/** `itemCount` items, each liked by `likers` (at most 50) of 50 users. */
function likes(itemCount: number, likers = 3): [string, string][] {
  const pairs: [string, string][] = [];
  for (let item = 0; item < itemCount; item++) {
    for (let k = 0; k < likers; k++) pairs.push([`u${(item * 7 + k * 13) % 50}`, `i${item}`]);
  }
  return pairs;
}

/** What the trainer resolves for a job with no parameters, on its real path (trainModel), env unset. */
async function serviceOptions(pairs: [string, string][]): Promise<TrainOptions> {
  const settings = trainerSettingsFrom(loadTrainerConfig({}), 1, CORES);
  const set: TrainingSet = {
    positives: pairs.map(([userId, itemId]) => ({ userId, itemId, weight: 1, likedAtMs: 0 })),
    triplets: [],
  };
  let seen: TrainOptions | undefined;
  const run = trainModel(set, {
    train: { ...settings.train, ...{} },
    negatives: settings.negatives,
    holdoutRatio: 0,
    evaluationK: settings.evaluationK,
    minRecall: 0,
    gateTolerance: settings.gateTolerance,
    serving: null,
    finalFit: settings.finalFit,
    warmStartEpochs: settings.warmStartEpochs,
    evaluationThreads: 1,
    nowMs: () => 0,
    onEpochEnd: (_report, options) => {
      seen = options;
      throw STOP;
    },
  });
  await expect(run).rejects.toBe(STOP);
  return seen!;
}

/** What `recsys train --input F --format lightgcn --out D` resolves on the same pairs. */
async function cliOptions(pairs: [string, string][]): Promise<TrainOptions> {
  const byUser = new Map<string, string[]>();
  for (const [user, item] of pairs) byUser.set(user, [...(byUser.get(user) ?? []), item]);
  const table = parseLightGcn([...byUser].map(([u, items]) => [u, ...items].join(' ')).join('\n'));
  const values = parseOptions(
    ['--input', 'F', '--format', 'lightgcn', '--out', 'D'],
    TRAIN_OPTION_SPECS,
  );
  const io = {
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
    nowMs: () => 0,
    cpuCount: CORES,
  };
  let seen: TrainOptions | undefined;
  const run = trainFromTable(table, {
    ...toPipelineOptions(values, io),
    nowMs: () => 0,
    onStart: (options) => {
      seen = options;
      throw STOP;
    },
  });
  await expect(run).rejects.toBe(STOP);
  return seen!;
}

describe('the service and recsys train resolve the same defaults', () => {
  it.each([80, 3000, 12_000])('on a catalogue of %i items', async (itemCount) => {
    const pairs = likes(itemCount);
    const service = await serviceOptions(pairs);
    expect(service).toEqual(await cliOptions(pairs));
    expect(service.threads).toBe(CORES);
  });

  it('on a large catalogue, dense or sparse: both take the soft picks of 2.5 times the tuned W, three negatives', async () => {
    // 26,000 items each liked 17 times (17 pairs per item, over the tuned 16): W by rank is 130, which
    // the hardest-of-W rule would take here (128 when sparse); soft picks draw from 2.5 times the tuned 128.
    const pairs = likes(26_000, 17);
    const service = await serviceOptions(pairs);
    expect(service).toEqual(await cliOptions(pairs));
    const picks = (o: TrainOptions) => [
      o.hardNegativeCandidates,
      o.hardNegativeTemperature,
      o.negativesPerPositive,
    ];
    expect(picks(service)).toEqual([320, 0.05, 3]);
    expect(picks(await serviceOptions(likes(26_000)))).toEqual([320, 0.05, 3]);
  });

  it("states the engine's own defaults in the option table (CLI help, env docs)", () => {
    const engine = defaultTrainOptions({
      itemCount: 1000,
      positivePairs: 20_000,
    }) as unknown as Record<string, unknown>;
    for (const [key, field] of Object.entries(ENGINE_OPTION_FIELDS)) {
      const stated = field.engineDefault;
      if (stated === 'catalogue' || stated === 'catalogue-density' || stated === 'cores') continue;
      const actual =
        key === 'negativeMix'
          ? Object.entries(engine.negativeMix as object)
              .map(([s, w]) => `${s}=${w}`)
              .join(',')
          : engine[key];
      expect({ key, stated }).toEqual({ key, stated: actual });
    }
  });
});
